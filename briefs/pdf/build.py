"""Building one PDF: render its HTML, compare the hash of its sources, render the PDF only if changed."""

import hashlib
from functools import cache, partial

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.utils import timezone

from core.files import delete_on_commit

from .html import book_html, brief_html
from .models import BriefDocument
from .render import ENGINE_VERSION, render_pdf

Kind = BriefDocument.Kind
Status = BriefDocument.Status


def document_html(document):
    if document.kind == Kind.BOOK:
        return book_html(document.round, language=document.language)
    return brief_html(document.presession, language=document.language, sheet=document.kind == Kind.SHEET)


@cache
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
    document = BriefDocument.objects.select_related(
        "round",
        "presession__round",
        "presession__review__state",
        "presession__review__session",
        "presession__room",
    ).get(pk=document_id)
    title, html = document_html(document)
    digest = source_hash(html)
    if document.source_hash == digest and document.file and document.file.storage.exists(document.file.name):
        if (document.status, document.progress, document.error) != (Status.DONE, 100, ""):
            document.status, document.progress, document.error = Status.DONE, 100, ""
            document.save(update_fields=["status", "progress", "error"])
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
    if old_name != document.file.name:
        # The cache (source_hash) follows the row: the old PDF goes once the new one is committed.
        delete_on_commit(document.file.storage, old_name)
    return document, True
