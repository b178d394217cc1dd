"""Checking delegates in and out: one verb-first function each."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.errors import DomainError
from embassies.invitations.models import Invitation

from .models import CheckIn


def _clean_name(name):
    name = " ".join((name or "").split())[:200]
    if not name:
        raise DomainError(_("Enter the delegate's name."))
    return name


@transaction.atomic
def check_in(presession, mission, name, *, by=None):
    """Record a delegate as present (idempotent: the same name twice is one check-in).

    A delegate of a Mission that was not invited to the panel is a walk-in.
    """
    name = _clean_name(name)
    invitation = Invitation.objects.filter(
        presession=presession, mission=mission, status=Invitation.Status.SENT
    ).first()
    existing = CheckIn.objects.filter(presession=presession, mission=mission, name__iexact=name).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return CheckIn.objects.create(
                presession=presession,
                mission=mission,
                invitation=invitation,
                name=name,
                walk_in=invitation is None,
                checked_in_by=by,
            )
    except IntegrityError:
        return CheckIn.objects.get(presession=presession, mission=mission, name=name)


@transaction.atomic
def undo_check_in(checkin, *, by=None):
    """A tap by mistake: the delegate is no longer counted (the history keeps the record)."""
    checkin._history_user = by
    checkin.delete()
