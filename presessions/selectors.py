"""Reads of rounds and Pre-sessions, with their counts in one query."""

from django.db.models import Count, Q

from .models import Presession, Round

_SUBMITTED_OR_LATER = ~Q(applications__status__in=["draft", "withdrawn"])


def rounds_with_counts():
    return Round.objects.select_related("session").annotate(
        presession_count=Count("presessions", distinct=True),
        application_count=Count(
            "presessions__applications",
            filter=~Q(presessions__applications__status__in=["draft", "withdrawn"]),
            distinct=True,
        ),
    )


def presessions_with_counts(round_):
    return (
        Presession.objects.filter(round=round_)
        .select_related("review__state")
        .annotate(
            draft_count=Count("applications", filter=Q(applications__status="draft")),
            submitted_count=Count("applications", filter=_SUBMITTED_OR_LATER),
            withdrawn_count=Count("applications", filter=Q(applications__status="withdrawn")),
        )
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
