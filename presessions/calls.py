"""The call window of a Pre-session: the Round's call, or the country's extension (``DeadlineExtension``)."""

from django.utils import timezone

from presessions.rounds.models import Presession, Round


def call_closes_at(presession):
    """When the call closes for this Presession: the country's extension if any, else the round's."""
    extension = presession.round.extensions.filter(review_id=presession.review_id).first()
    if extension is not None:
        return extension.closes_at
    return presession.round.call_closes_at


def is_call_open(presession, now=None):
    """Whether applications for this Presession may be started and submitted ``now``."""
    now = now or timezone.now()
    round_ = presession.round
    if round_.status != Round.Status.OPEN or presession.status == Presession.Status.CANCELLED:
        return False
    if round_.call_opens_at and now < round_.call_opens_at:
        return False
    closes = call_closes_at(presession)
    return closes is None or now < closes
