"""Every state change of rounds, calls and Pre-sessions."""

from django.db import transaction
from django.db.models import Max

from presessions.rounds.models import CallQuestion, DeadlineExtension, Presession, Round


class RoundError(Exception):
    """A business rule refused the change; ``str(error)`` is a message for the user."""


def create_round(*, session, created_by=None, **data):
    """Create the Round for a WG session and propose one Presession per Review of that session."""
    from upr.models import Review

    with transaction.atomic():
        data.setdefault("number", session.number)
        data.setdefault("title", f"Pre-sessions {session.number}")
        round_ = Round.objects.create(session=session, **data)
        reviews = Review.objects.filter(session=session).exclude(status=Review.Status.POSTPONED)
        Presession.objects.bulk_create([Presession(round=round_, review=review) for review in reviews])
    return round_


def update_round(round_, **data):
    for name, value in data.items():
        setattr(round_, name, value)
    round_.save()
    return round_


def open_call(round_):
    """Open the call (the opening and closing times must be set)."""
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        if not locked.call_closes_at:
            raise RoundError("Set the closing time of the call before opening it.")
        if locked.status not in (Round.Status.DRAFT, Round.Status.CLOSED):
            raise RoundError("Only a draft or closed call can be opened.")
        locked.status = Round.Status.OPEN
        locked.save(update_fields=["status"])
    return locked


def close_call(round_):
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        if locked.status != Round.Status.OPEN:
            raise RoundError("Only an open call can be closed.")
        locked.status = Round.Status.CLOSED
        locked.save(update_fields=["status"])
    return locked


def set_presession_status(presession, status):
    presession.status = status
    presession.save(update_fields=["status"])
    return presession


def extend_deadline(*, round_, review, closes_at, reason="", created_by=None):
    """Give one SuR a later closing time (replaces an earlier extension for it)."""
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
    data.setdefault("order", 0 if highest is None else highest + 1)
    return CallQuestion.objects.create(round=round_, **data)


def update_question(question, **data):
    for name, value in data.items():
        setattr(question, name, value)
    question.save()
    return question


def move_question(question, direction):
    """Swap a question with its neighbour (``direction`` -1 up, +1 down); renumbers the round's questions."""
    with transaction.atomic():
        questions = list(CallQuestion.objects.select_for_update().filter(round_id=question.round_id))
        index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
        target = index + direction
        if 0 <= target < len(questions):
            questions[index], questions[target] = questions[target], questions[index]
        for order, item in enumerate(questions):
            if item.order != order:
                item.order = order
                item.save(update_fields=["order"])
    return question


def delete_question(question):
    """Delete a question nobody answered yet (answers keep their question: PROTECT)."""
    if question.answers.exists():
        raise RoundError("This question already has answers; make it optional instead of deleting it.")
    question.delete()
