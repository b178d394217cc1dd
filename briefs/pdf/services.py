"""Requesting and building PDFs: one function queues, one builds (called by the task)."""

import hashlib
from functools import partial

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from presessions.models import Presession, Round

from .html import book_html, brief_html
from .models import BriefDocument
from .render import ENGINE_VERSION, render_pdf

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
            from .tasks import render_document  # noqa: PLC0415 - tasks import services, not the reverse

            transaction.on_commit(partial(render_document.delay, document_id=document.pk))
    return document


def document_html(document):
    if document.kind == Kind.BOOK:
        return book_html(document.round, language=document.language)
    presession = Presession.objects.select_related("round", "review__state", "review__session", "room").get(
        pk=document.presession_id
    )
    return brief_html(presession, language=document.language, sheet=document.kind == Kind.SHEET)


def _css_version():
    with open(finders.find("briefs/pdf.css"), "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def source_hash(html):
    """The cache key: the HTML, the print CSS and the renderer's version."""
    digest = hashlib.sha256()
    for part in (ENGINE_VERSION, _css_version(), html):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _progress(document_id, percent):
    BriefDocument.objects.filter(pk=document_id).update(progress=percent)


def build_document(document_id):
    """Render the document unless its sources are unchanged. Returns ``(document, rendered)``."""
    document = BriefDocument.objects.select_related("round").get(pk=document_id)
    title, html = document_html(document)
    digest = source_hash(html)
    if document.source_hash == digest and document.file and document.file.storage.exists(document.file.name):
        BriefDocument.objects.filter(pk=document.pk).update(status=Status.DONE, progress=100, error="")
        document.refresh_from_db()
        return document, False
    BriefDocument.objects.filter(pk=document.pk).update(status=Status.RUNNING, progress=20)
    try:
        data = render_pdf(html, progress=partial(_progress, document.pk))
    except Exception as error:
        BriefDocument.objects.filter(pk=document.pk).update(status=Status.FAILED, error=str(error)[:2000])
        raise
    old_name = document.file.name if document.file else ""
    document.file.save(f"{document.kind}.pdf", ContentFile(data), save=False)
    document.title, document.source_hash, document.size = title[:300], digest, len(data)
    document.status, document.progress, document.error = Status.DONE, 100, ""
    document.built_at = timezone.now()
    document.save()
    if old_name and old_name != document.file.name:
        document.file.storage.delete(old_name)
    return document, True


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
