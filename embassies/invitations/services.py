"""Every change to invitations: one verb-first function each (validate, lock, write, audit, queue)."""

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.errors import DomainError
from presessions.models import Presession

from .models import Invitation


def _locked_panel(presession):
    return Presession.objects.select_for_update().select_related("review").get(pk=presession.pk)


@transaction.atomic
def add_guests(presession, guests, *, by=None):
    """Put the guests (``targeting.Guest``) on the panel's guest list; returns how many are new.

    A Mission already on the list keeps its one invitation (its reasons are merged); a withdrawn one that
    is chosen again comes back on the list. The SuR's own Mission is always added.
    """
    presession = _locked_panel(presession)
    if presession.status == Presession.Status.CANCELLED:
        raise DomainError(_("This Pre-session is cancelled: nobody can be invited to it."))
    existing = {
        invitation.mission_id: invitation
        for invitation in Invitation.objects.select_for_update().filter(presession=presession, kind="guest")
    }
    new, changed = [], []
    for guest in guests:
        invitation = existing.get(guest.mission.pk)
        if invitation is None:
            new.append(_invitation(presession, guest))
            continue
        reasons = sorted(set(invitation.reasons) | set(guest.reasons))
        if reasons != sorted(invitation.reasons) or invitation.status == Invitation.Status.CANCELLED:
            invitation.reasons = reasons
            invitation.recommendation_count = max(invitation.recommendation_count, guest.recommendation_count)
            if invitation.status == Invitation.Status.CANCELLED:
                invitation.status = Invitation.Status.LISTED
            changed.append(invitation)
    bulk_create_with_history(new, Invitation, batch_size=500, default_user=by)
    if changed:
        bulk_update_with_history(
            changed,
            Invitation,
            ["reasons", "recommendation_count", "status"],
            batch_size=500,
            default_user=by,
        )
    return len(new)


def _invitation(presession, guest):
    return Invitation(
        presession=presession,
        kind=Invitation.Kind.GUEST,
        mission=guest.mission,
        language=guest.mission.language,
        reasons=list(guest.reasons),
        recommendation_count=guest.recommendation_count,
        offer_opening=guest.is_sur,
    )


@transaction.atomic
def withdraw_guest(invitation, *, by=None):
    """Take a Mission that was not sent anything yet off the guest list (never the SuR's own)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if Invitation.Reason.OWN in invitation.reasons:
        raise DomainError(_("The Mission of the State under Review is always invited."))
    if invitation.status != Invitation.Status.LISTED:
        raise DomainError(_("Only an invitation that has not been sent can be taken off the list."))
    invitation.status = Invitation.Status.CANCELLED
    invitation._history_user = by
    invitation.save(update_fields=["status"])
    return invitation
