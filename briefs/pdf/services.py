"""Requesting PDFs: the rows are marked pending and the build task is queued after commit."""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from presessions.models import Presession, Round

from .models import BriefDocument
from .tasks import render_document

Kind = BriefDocument.Kind
Status = BriefDocument.Status


def request_document(*, kind, language, round_=None, presession=None, queue=True):
    """The document row for (kind, panel or round, language), marked pending; the build is queued after
    commit (``queue=False``: the caller runs the task itself). A document already waiting or rendering
    is not queued twice."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unsupported language: {language!r}")
    if (kind == Kind.BOOK) == (presession is not None):
        raise ValueError("A book is built for a round, a brief or an info sheet for a panel.")
    round_ = presession.round if presession is not None else round_
    with transaction.atomic():
        document, _created = BriefDocument.objects.select_for_update().get_or_create(
            kind=kind, language=language, round=round_, presession=presession
        )
        if document.is_busy and not _created and queue:
            return document
        document.status, document.progress, document.error = Status.PENDING, 0, ""
        document.requested_at = timezone.now()
        document.save()
        if queue:
            transaction.on_commit(partial(render_document.delay, document_id=document.pk))
    return document


def request_round(round_: Round, *, languages, panels=None, book=False, sheets=True, queue=True):
    """Request the briefs (and info sheets) of ``panels`` (default: every panel) and the round book."""
    documents = []
    presessions = (
        panels if panels is not None else round_.presessions.exclude(status=Presession.Status.CANCELLED)
    )
    for presession in presessions:
        for language in languages:
            documents.append(
                request_document(kind=Kind.BRIEF, language=language, presession=presession, queue=queue)
            )
            if sheets:
                documents.append(
                    request_document(kind=Kind.SHEET, language=language, presession=presession, queue=queue)
                )
    if book:
        for language in languages:
            documents.append(request_document(kind=Kind.BOOK, language=language, round_=round_, queue=queue))
    return documents
