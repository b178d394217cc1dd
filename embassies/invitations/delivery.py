"""Mails of invitations: the invitation itself (one per recipient for every panel of a batch, with one
.ics), reminders to those who have not answered, and calendar updates when the programme changes.

Every mail goes through the outbox in one ``queue_mails`` call (a constant number of queries for the
whole batch) with an idempotency key, in the recipient's language, with links from ``absolute_url``.
Recipients of a Mission's invitation are its active diplomats with an address, or else its generic
address. Keys: an invitation mail's key covers the recipient and the invitations with their current
tokens (resending the same batch queues nothing; a revoked link's new token makes a new mail); a
reminder's key covers the reminder, the invitation and the recipient (nobody reminded twice for one
reminder); an update's key covers the invitation, the calendar SEQUENCE and the recipient.
"""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.errors import DomainError
from core.links import absolute_url
from core.mail import queue_mails, render_mail_templates
from embassies.missions.models import Diplomat
from presessions.models import Presession

from .calendars import PersonalCalendars
from .models import Invitation, Reminder

Status = Invitation.Status


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


@dataclass
class SendResult:
    invitations: int = 0
    mails: int = 0
    without_address: int = 0


def _invitations(**filters):
    diplomats = Diplomat.objects.filter(status=Diplomat.Status.ACTIVE).order_by("name")
    return (
        Invitation.objects.select_for_update(of=("self",))
        .filter(**filters)
        .select_related("presession__review__state", "presession__round", "presession__room")
        .select_related("presession__moderator_user", "mission__state")
        .prefetch_related(Prefetch("mission__diplomats", queryset=diplomats, to_attr="active_diplomats"))
        .order_by("presession__starts_at", "pk")
    )


def recipients_of(invitation):
    if invitation.is_moderator:
        return [Recipient(invitation.recipient_email, invitation.recipient_name, invitation.language or "en")]
    people = [Recipient(d.email, d.display_name, d.language) for d in invitation.mission.active_diplomats]
    if not people and invitation.mission.email:
        people = [Recipient(invitation.mission.email, "", invitation.mission.language)]
    return people


def meeting_url_of(presession):
    """The online meeting link, for invitees only (never in a public page or feed)."""
    room = presession.room
    return room.meeting_url if room is not None and room.mode != "in_person" else ""


def _panel_context(invitation, language):
    presession = invitation.presession
    return {
        "invitation": invitation,
        "presession": presession,
        "state": presession.review.state,
        "room": presession.room,
        "meeting_url": meeting_url_of(presession),
        "rsvp_url": absolute_url("embassies:rsvp", token=invitation.token),
        "sentence": invitation.personal_sentence(language),
    }


def _key(prefix, *parts):
    return f"{prefix}:" + hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:48]


def _refuse_unplaced(invitations):
    unplaced = sorted({str(i.presession.review.state) for i in invitations if not i.presession.starts_at})
    if unplaced:
        raise DomainError(
            _("Place these panels in the programme before inviting: %(states)s.")
            % {"states": ", ".join(unplaced)}
        )


def _invitation_mails(invitations):
    """``(mails, without_address)``: one mail per recipient, listing all of their invitations."""
    calendars = PersonalCalendars()
    by_recipient, without_address = {}, 0
    for invitation in invitations:
        recipients = recipients_of(invitation)
        without_address += not recipients
        for recipient in recipients:
            by_recipient.setdefault(recipient.email.lower(), (recipient, []))[1].append(invitation)
    mails = []
    for recipient, batch in by_recipient.values():
        language = recipient.language or "en"
        context = {
            "recipient": recipient,
            "panels": [_panel_context(invitation, language) for invitation in batch],
            "round": batch[0].presession.round,
            "is_moderator": batch[0].is_moderator,
        }
        subject, text, html = render_mail_templates("embassies/email/invitation", context, language)
        with translation.override(language):
            ics = calendars.for_recipient(
                [invitation.presession for invitation in batch],
                recipient.email,
                method="REQUEST",
                name=str(batch[0].presession.round),
            )
        mails.append(
            {
                "to": recipient.email,
                "subject": subject,
                "text_body": text,
                "html_body": html,
                "language": language,
                "idempotency_key": _key("invitation", recipient.email, *(f"{i.pk}.{i.token}" for i in batch)),
                "attachments": [("invitation.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")],
            }
        )
    return mails, without_address


def _mark_sent(invitations, by):
    now = timezone.now()
    for invitation in invitations:
        invitation.status = Status.SENT
        invitation.sent_at = now
        invitation.sent_sequence = invitation.presession.calendar_sequence
    bulk_update_with_history(
        invitations, Invitation, ["status", "sent_at", "sent_sequence"], batch_size=1000, default_user=by
    )


@transaction.atomic
def send_invitations(presession_ids, *, by=None):
    """Send every invitation on the guest lists of these panels that has not been sent yet."""
    invitations = list(_invitations(presession_id__in=presession_ids, status=Status.LISTED))
    invitations = [i for i in invitations if i.presession.status != Presession.Status.CANCELLED]
    _refuse_unplaced(invitations)
    mails, without_address = _invitation_mails(invitations)
    queue_mails(mails)
    _mark_sent(invitations, by)
    return SendResult(invitations=len(invitations), mails=len(mails), without_address=without_address)


@transaction.atomic
def resend_invitation(invitation, *, by=None):
    """Send a sent invitation again (after its link was revoked, or to a new diplomat)."""
    invitations = list(_invitations(pk=invitation.pk, status=Status.SENT))
    if not invitations:
        raise DomainError(_("Only a sent invitation can be sent again."))
    mails, without_address = _invitation_mails(invitations)
    queue_mails(mails)
    return SendResult(invitations=1, mails=len(mails), without_address=without_address)


def _single_mails(invitations, template_prefix, key_parts, extra=None):
    calendars = PersonalCalendars()
    mails = []
    for invitation in invitations:
        for recipient in recipients_of(invitation):
            context = {
                "recipient": recipient,
                **_panel_context(invitation, recipient.language),
                **(extra or {}),
            }
            subject, text, html = render_mail_templates(template_prefix, context, recipient.language)
            mail = {
                "to": recipient.email,
                "subject": subject,
                "text_body": text,
                "html_body": html,
                "language": recipient.language,
                "idempotency_key": _key(template_prefix, *key_parts(invitation), recipient.email),
            }
            if extra and extra.get("method"):
                method = extra["method"]
                with translation.override(recipient.language):
                    ics = calendars.for_recipient([invitation.presession], recipient.email, method=method)
                mail["attachments"] = [
                    ("invitation.ics", ics, f"text/calendar; method={method}; charset=utf-8")
                ]
            mails.append(mail)
    return mails


def send_reminder(presession, *, kind=Reminder.Kind.MANUAL, by=None):
    """Remind every invited Mission (and moderator) that has not answered; returns the Reminder, or
    ``None`` when this panel already had its automatic reminder."""
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(presession=presession, kind=kind, created_by=by)
            pending = list(_invitations(presession=presession, status=Status.SENT, response="pending"))
            mails = _single_mails(
                pending, "embassies/email/invitation_reminder", lambda i: (reminder.pk, i.pk)
            )
            queue_mails(mails)
            reminder.recipients = len(mails)
            reminder.save(update_fields=["recipients"])
    except IntegrityError:
        return None
    return reminder


def send_due_reminders(*, now=None):
    """Beat job: the automatic reminder of each panel that starts within ``INVITATION_REMINDER_HOURS``."""
    now = now or timezone.now()
    due = (
        Presession.objects.filter(
            starts_at__gt=now,
            starts_at__lte=now + timedelta(hours=settings.INVITATION_REMINDER_HOURS),
            invitations__status=Status.SENT,
            invitations__response=Invitation.Response.PENDING,
        )
        .exclude(status=Presession.Status.CANCELLED)
        .exclude(reminders__kind=Reminder.Kind.AUTOMATIC)
        .distinct()
    )
    return sum(1 for presession in due if send_reminder(presession, kind=Reminder.Kind.AUTOMATIC))


@transaction.atomic
def send_calendar_updates(presession):
    """After the programme moved or cancelled a panel: every invitee gets the new .ics (REQUEST with the
    raised SEQUENCE, or CANCEL). Those who declined get only cancellations."""
    presession = Presession.objects.get(pk=presession.pk)
    cancelled = presession.status == Presession.Status.CANCELLED or not presession.starts_at
    invitations = _invitations(presession=presession, status=Status.SENT)
    if not cancelled:
        invitations = invitations.exclude(response=Invitation.Response.NO)
    invitations = [i for i in invitations if i.sent_sequence != presession.calendar_sequence]
    method = "CANCEL" if cancelled else "REQUEST"
    mails = _single_mails(
        invitations,
        "embassies/email/invitation_update",
        lambda i: (i.pk, presession.calendar_sequence, method),
        extra={"method": method, "cancelled": cancelled},
    )
    queue_mails(mails)
    for invitation in invitations:
        invitation.sent_sequence = presession.calendar_sequence
    Invitation.objects.bulk_update(invitations, ["sent_sequence"])
    return len(mails)
