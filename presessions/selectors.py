"""Reads of rounds and Pre-sessions, with their counts in one query."""

from django.db.models import Count

from presessions.rounds.models import Presession, Round

from .extensions import presession_count_annotations, round_count_annotations


def rounds_with_counts():
    """Rounds with their number of Pre-sessions and the counts that higher apps registered."""
    return Round.objects.select_related("session").annotate(
        presession_count=Count("presessions", distinct=True), **round_count_annotations()
    )


def presessions_with_counts(round_):
    """A round's Pre-sessions with the counts that higher apps registered (applications by status)."""
    return (
        Presession.objects.filter(round=round_)
        .select_related("review__state")
        .annotate(**presession_count_annotations())
        .order_by("review__order", "review__state__name_en")
    )


def open_presessions(round_):
    """The Pre-sessions of a call that are not cancelled, with their State and any extension."""
    return (
        Presession.objects.filter(round=round_)
        .exclude(status=Presession.Status.CANCELLED)
        .select_related("review__state")
        .order_by("review__order", "review__state__name_en")
    )


def round_by_key(key):
    """A round by its public token or its number (``/p/calls/54/``)."""
    queryset = Round.objects.select_related("session").exclude(status=Round.Status.DRAFT)
    if key.isdigit():
        return queryset.filter(number=int(key)).first()
    return queryset.filter(token=key).first()
