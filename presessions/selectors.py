"""Reads of rounds and Pre-sessions, with their counts in one query."""

from django.db.models import Count, Prefetch, Q

from presessions.rounds.models import DeadlineExtension, Presession, Round

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


def _with_presessions(rounds):
    presessions = Presession.objects.exclude(status=Presession.Status.CANCELLED)
    presessions = presessions.select_related("review__state")
    return rounds.select_related("session").prefetch_related(
        Prefetch("presessions", queryset=presessions.order_by("review__order", "review__state__name_en")),
        Prefetch("extensions", queryset=DeadlineExtension.objects.select_related("review__state")),
    )


def open_calls(now):
    """Rounds whose call is open at ``now`` (by its own deadline or a country's extension), soonest first.

    Each carries its Pre-sessions (not cancelled, with their State) and its extensions, prefetched.
    """
    still_open = Q(call_closes_at__gt=now) | Q(extensions__closes_at__gt=now)
    started = Q(call_opens_at__isnull=True) | Q(call_opens_at__lte=now)
    rounds = Round.objects.filter(still_open, started, status=Round.Status.OPEN).distinct()
    return _with_presessions(rounds).order_by("call_closes_at", "number")


def past_rounds(now, limit=12):
    """Rounds that took place (last day before ``now``) or whose call is closed, newest first."""
    held = Q(end_date__lt=now.date()) | Q(status__in=[Round.Status.CLOSED, Round.Status.ARCHIVED])
    rounds = Round.objects.filter(held).exclude(status=Round.Status.DRAFT)
    return list(_with_presessions(rounds).order_by("-number")[:limit])
