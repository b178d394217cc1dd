"""Reads of brief links."""

from briefs.pdf.models import BriefDocument

from .models import BriefRecipient


def live_link(token):
    return (
        BriefRecipient.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("brief__presession__review__state", "brief__presession__round")
        .first()
    )


def document_for(recipient):
    """The panel's ready brief in the recipient's language, else English, else any ready one."""
    documents = {
        d.language: d
        for d in BriefDocument.objects.filter(
            presession_id=recipient.brief.presession_id,
            kind=BriefDocument.Kind.BRIEF,
            status=BriefDocument.Status.DONE,
        ).exclude(file="")
    }
    return documents.get(recipient.language) or documents.get("en") or next(iter(documents.values()), None)


def recipients_of(presession):
    return (
        BriefRecipient.objects.filter(brief__presession=presession)
        .select_related("mission__state", "application__organisation")
        .order_by("mission__state__name_en", "email")
    )
