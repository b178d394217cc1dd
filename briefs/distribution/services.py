"""Sending a panel's brief to Missions and speakers, and counting the downloads of each link."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from briefs.compilation.models import Brief
from briefs.pdf.models import BriefDocument
from core.errors import DomainError
from core.links import absolute_url
from core.mail import queue_templated_mail
from embassies.invitations.models import Invitation
from speakers.models import Application

from .models import BriefRecipient

ACCEPTED, INVITED = "accepted", "invited"
SPEAKING = (Application.Status.SELECTED, Application.Status.CONFIRMED)


def _mission_invitations(presession, audience):
    invitations = Invitation.objects.filter(
        presession=presession, kind=Invitation.Kind.GUEST, mission__isnull=False
    ).exclude(status=Invitation.Status.CANCELLED)
    if audience == ACCEPTED:
        invitations = invitations.filter(response=Invitation.Response.YES)
    return invitations.select_related("mission__state")


def _speaker_addresses(application):
    emails = []
    for email in (application.created_by.email if application.created_by else "", application.speaker_email):
        if email and email.lower() not in emails:
            emails.append(email.lower())
    return emails


def distribute_brief(presession, *, actor, audience=ACCEPTED, speakers=True):
    """Create (or reuse) one link per recipient and queue one mail each; returns the number queued."""
    if audience not in (ACCEPTED, INVITED):
        raise ValueError(f"Unknown audience {audience!r}")
    if not BriefDocument.objects.filter(
        presession=presession, kind=BriefDocument.Kind.BRIEF, status=BriefDocument.Status.DONE
    ).exists():
        raise DomainError(_("Build the brief's PDF before sending it."))
    with transaction.atomic():
        brief, _created = Brief.objects.select_for_update().get_or_create(presession=presession)
        wanted = [
            ({"mission": inv.mission}, inv.mission.email, inv.language or inv.mission.language)
            for inv in _mission_invitations(presession, audience)
            if inv.mission.email
        ]
        if speakers:
            applications = Application.objects.filter(
                presession=presession, status__in=SPEAKING
            ).select_related("created_by")
            for application in applications:
                language = application.created_by.language if application.created_by else application.language
                wanted += [
                    ({"application": application}, email, language)
                    for email in _speaker_addresses(application)
                ]
        queued = 0
        for owner, email, language in wanted:
            recipient, _new = BriefRecipient.objects.get_or_create(
                brief=brief, email=email.lower(), **owner, defaults={"language": language or "en"}
            )
            if recipient.revoked_at is None:
                _mail(recipient, presession)
                queued += 1
        BriefRecipient.objects.filter(brief=brief, sent_at__isnull=True, revoked_at__isnull=True).update(
            sent_at=timezone.now()
        )
    return queued


def _mail(recipient, presession):
    queue_templated_mail(
        to=recipient.email,
        template_prefix="briefs/email/brief_link",
        context={
            "state": presession.review.state,
            "round_title": str(presession.round),
            "starts_at": presession.starts_at,
            "link": absolute_url("briefs:brief_link", token=recipient.token),
            "is_speaker": recipient.application_id is not None,
        },
        language=recipient.language,
        idempotency_key=f"brief-link:{recipient.pk}",
    )


def record_download(recipient):
    """Count one opening of the link (an UPDATE, so concurrent openings all count)."""
    BriefRecipient.objects.filter(pk=recipient.pk).update(
        downloads=F("downloads") + 1, last_download_at=timezone.now()
    )


def revoke_link(recipient, *, actor):
    BriefRecipient.objects.filter(pk=recipient.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
