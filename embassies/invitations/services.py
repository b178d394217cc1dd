"""Every change to invitations: one verb-first function each (validate, lock, write, audit, queue)."""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.errors import DomainError
from presessions.models import Presession

from .links import answers_open, browser_hash
from .models import Invitation, new_rsvp_token

LANGUAGES = ("en", "fr", "es")
MAX_DELEGATES = 20


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
        for invitation in Invitation.objects.select_for_update()
        .filter(presession=presession, kind="guest")
        .order_by("pk")
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
            if guest.recommendation_count > invitation.recommendation_count:
                invitation.recommendation_count = guest.recommendation_count
                invitation.personal_sentences = {language: guest.sentence(language) for language in LANGUAGES}
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
        personal_sentences={language: guest.sentence(language) for language in LANGUAGES}
        if guest.target
        else {},
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


@transaction.atomic
def invite_moderator(presession, *, by=None):
    """Put the panel's moderator (from the programme) on its list; withdraws an earlier moderator's
    invitation that was not sent. Returns the invitation, or ``None`` if the panel has no moderator."""
    presession = _locked_panel(presession)
    user = presession.moderator_user
    email = (presession.moderator_email or (user.email if user else "")).strip().lower()
    name = presession.moderator_name or (user.get_full_name() if user else "")
    if not email:
        return None
    moderators = (
        Invitation.objects.select_for_update().filter(presession=presession, kind="moderator").order_by()
    )
    moderators.exclude(recipient_email=email).filter(status=Invitation.Status.LISTED).update(
        status=Invitation.Status.CANCELLED
    )
    invitation, created = Invitation.objects.get_or_create(
        presession=presession,
        kind=Invitation.Kind.MODERATOR,
        recipient_email=email,
        defaults={"recipient_name": name, "language": user.language if user else "en"},
    )
    if not created and invitation.status == Invitation.Status.CANCELLED:
        invitation.status = Invitation.Status.LISTED
        invitation._history_user = by
        invitation.save(update_fields=["status"])
    return invitation


def _clean_answer(invitation, response, delegates, delegate_names, mode):
    if response not in Invitation.Response.values or response == Invitation.Response.PENDING:
        raise DomainError(_("Choose an answer."))
    if invitation.is_moderator:
        if response == Invitation.Response.MAYBE:
            raise DomainError(_("A moderator accepts or declines."))
        return response, 0, "", ""
    if response == Invitation.Response.NO:
        return response, 0, "", ""
    names = "\n".join(line.strip() for line in (delegate_names or "").splitlines() if line.strip())
    delegates = max(int(delegates or 0), len(names.splitlines()), 1)
    if delegates > MAX_DELEGATES:
        raise DomainError(_("At most %(max)d delegates per Mission.") % {"max": MAX_DELEGATES})
    if mode and mode not in Invitation.Mode.values:
        raise DomainError(_("Choose in person or online."))
    return response, delegates, names[:2000], mode or Invitation.Mode.IN_PERSON


@transaction.atomic
def record_rsvp(invitation, *, response, delegates=0, delegate_names="", mode="", channel, by=None, note=""):
    """Record an answer (from the RSVP link, or by staff on the Mission's behalf with ``by``).

    Changeable until the panel starts; the same answer again changes nothing (no new history row).
    """
    invitation = Invitation.objects.select_for_update().select_related("presession").get(pk=invitation.pk)
    if invitation.status != Invitation.Status.SENT:
        raise DomainError(_("This invitation has not been sent, or was withdrawn."))
    if not answers_open(invitation.presession):
        raise DomainError(_("The panel has started: answers are closed."))
    values = dict(
        zip(
            ("response", "delegates", "delegate_names", "mode"),
            _clean_answer(invitation, response, delegates, delegate_names, mode),
            strict=True,
        ),
        answer_channel=channel,
        answer_note=(note or "")[:300],
        recorded_by=by,
    )
    if all(getattr(invitation, name) == value for name, value in values.items()):
        return invitation
    for name, value in values.items():
        setattr(invitation, name, value)
    invitation.answered_at = timezone.now()
    invitation._history_user = by
    invitation.save()
    return invitation


@transaction.atomic
def bind_to_browser(invitation, browser_id):
    """For a link that may not be forwarded: the first browser to open it is the only one it works in.

    Returns True if ``browser_id`` may use the link.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.allow_forwarding:
        return True
    digest = browser_hash(browser_id)
    if not invitation.bound_browser:
        invitation.bound_browser = digest
        invitation.save(update_fields=["bound_browser"])
        return True
    return bool(digest) and secrets.compare_digest(invitation.bound_browser, digest)


@transaction.atomic
def revoke_link(invitation, *, by=None):
    """The old RSVP link stops working at once; a new token is drawn (send it again to use it)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation.token = new_rsvp_token()
    invitation.bound_browser = ""
    invitation._history_user = by
    invitation.save(update_fields=["token", "bound_browser"])
    return invitation


@transaction.atomic
def set_forwarding(invitation, *, allowed, by=None):
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation.allow_forwarding = bool(allowed)
    if allowed:
        invitation.bound_browser = ""
    invitation._history_user = by
    invitation.save(update_fields=["allow_forwarding", "bound_browser"])
    return invitation
