"""Every state change of rounds, calls and Pre-sessions.

The status of a Round changes only in ``transition_round`` (``Round.TRANSITIONS``), that of a
Presession only in ``transition_presession`` (``Presession.TRANSITIONS``): row lock, allowed move,
actor recorded in the audit trail. The rules of a round's dates and of extensions live here too, so
every entry point (staff pages, the selection board, admin actions, commands) obeys them.
"""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.ordering import move_in_order
from presessions.rounds.models import CallQuestion, DeadlineExtension, Presession, Round
from upr.models import Review


class RoundError(DomainError):
    """A rule of rounds and calls refused the change; ``code`` names the form field it is about, if any."""


def _check_round_dates(values):
    """The call closes after it opens; the last day is not before the first."""
    opens, closes = values.get("call_opens_at"), values.get("call_closes_at")
    if opens and closes and closes <= opens:
        raise RoundError(_("The call must close after it opens."), code="call_closes_at")
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise RoundError(_("The last day cannot be before the first."), code="end_date")


def create_round(*, session, created_by=None, **data):
    """Create the Round for a WG session and propose one Presession per Review of that session."""
    _check_round_dates(data)
    with transaction.atomic():
        data.setdefault("number", session.number)
        data.setdefault("title", f"Pre-sessions {session.number}")
        round_ = Round(session=session, **data)
        round_._history_user = created_by
        round_.save()
        reviews = Review.objects.filter(session=session).exclude(status=Review.Status.POSTPONED)
        Presession.objects.bulk_create([Presession(round=round_, review=review) for review in reviews])
    return round_


def update_round(round_, *, actor=None, **data):
    """Change a round's details or call texts (never its status: see ``transition_round``)."""
    if "status" in data:
        raise RoundError(_("The status of a round changes only by opening or closing its call."))
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        for name, value in data.items():
            setattr(locked, name, value)
        _check_round_dates(vars(locked))
        locked._history_user = actor
        locked.save()
    return locked


def transition_round(round_, to_status, *, actor=None, note=""):
    """Move ``round_`` to ``to_status``: the single place where a round's status changes."""
    to_status = Round.Status(to_status)
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        if to_status not in Round.TRANSITIONS[locked.status]:
            raise RoundError(
                _("This round is “%(current)s”; it cannot become “%(target)s”.")
                % {"current": Round.Status(locked.status).label, "target": to_status.label}
            )
        if to_status == Round.Status.OPEN and not locked.call_closes_at:
            raise RoundError(_("Set the closing time of the call before opening it."))
        locked.status = to_status
        locked._history_user = actor
        locked._change_reason = note[:100] if note else f"status: {to_status}"
        locked.save(update_fields=["status"])
    return locked


def open_call(round_, *, actor=None):
    """Open the call (its closing time must be set); a closed call may be opened again."""
    return transition_round(round_, Round.Status.OPEN, actor=actor)


def close_call(round_, *, actor=None):
    return transition_round(round_, Round.Status.CLOSED, actor=actor)


def transition_presession(presession, to_status, *, actor=None, note=""):
    """Move ``presession`` to ``to_status``: the single place where a Pre-session's status changes.

    Setting the status it already has changes nothing (the staff page posts the selected status).
    """
    to_status = Presession.Status(to_status)
    with transaction.atomic():
        locked = Presession.objects.select_for_update().get(pk=presession.pk)
        if locked.status == to_status:
            return locked
        if to_status not in Presession.TRANSITIONS[locked.status]:
            raise RoundError(
                _("This Pre-session is “%(current)s”; it cannot become “%(target)s”.")
                % {"current": Presession.Status(locked.status).label, "target": to_status.label}
            )
        locked.status = to_status
        locked._history_user = actor
        locked._change_reason = note[:100] if note else f"status: {to_status}"
        locked.save(update_fields=["status"])
    return locked


def extend_deadline(*, round_, review, closes_at, reason="", created_by=None):
    """Give one SuR a later closing time (replaces an earlier extension for it).

    An extension must close after the round's call itself, whichever page or command asks for it.
    """
    if round_.call_closes_at and closes_at <= round_.call_closes_at:
        raise RoundError(_("An extension must close later than the call itself."), code="closes_at")
    with transaction.atomic():
        extension, _created = DeadlineExtension.objects.update_or_create(
            round=round_,
            review=review,
            defaults={"closes_at": closes_at, "reason": reason, "created_by": created_by},
        )
    return extension


def remove_deadline_extension(extension):
    extension.delete()


def add_question(*, round_, **data):
    highest = round_.questions.aggregate(highest=Max("order"))["highest"]
    data.setdefault("order", 1 if highest is None else highest + 1)
    return CallQuestion.objects.create(round=round_, **data)


def update_question(question, **data):
    for name, value in data.items():
        setattr(question, name, value)
    question.save()
    return question


def move_question(question, direction):
    """Swap a question with its neighbour (``direction`` -1 up, +1 down); renumbers the round's questions."""
    queryset = CallQuestion.objects.filter(round_id=question.round_id).order_by("order", "pk")
    return move_in_order(queryset, question, direction)


def delete_question(question):
    """Delete a question nobody answered yet (answers keep their question: PROTECT)."""
    if question.answers.exists():
        raise RoundError(_("This question already has answers; make it optional instead of deleting it."))
    question.delete()
