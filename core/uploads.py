"""Uploaded documents: type sniffed from content, size capped, stored under random names.

Shared by every app that accepts files (applications, statements). Use ``DocumentField`` in forms
(or call ``validate_document`` yourself), ``random_upload_path`` helpers as ``upload_to``, and
``attachment_response`` to serve a stored file from a permission-checked view.
"""

import secrets
import zipfile
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from core.archives import DOCUMENT_LIMITS, UnsafeArchive, open_archive, read_head

PDF, DOCX, ODT = "pdf", "docx", "odt"
DOCUMENT_KINDS = (PDF, DOCX, ODT)
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT: "application/vnd.oasis.opendocument.text",
}
ODT_MIMETYPE = CONTENT_TYPES[ODT].encode()


def _random_name(folder, filename):
    suffix = PurePath(filename or "").suffix.lower().lstrip(".")
    extension = suffix if suffix in DOCUMENT_KINDS else "bin"
    return f"{folder}/{secrets.token_hex(16)}.{extension}"


def application_submission_path(instance, filename):
    return _random_name("applications/submissions", filename)


def application_answer_path(instance, filename):
    return _random_name("applications/answers", filename)


def sniff_document_kind(uploaded, limits=DOCUMENT_LIMITS):
    """Return ``"pdf"``, ``"docx"`` or ``"odt"`` from the file's bytes, or ``None``.

    An archive over ``limits`` (a zip bomb) raises ``core.archives.UnsafeArchive``; nothing in it is
    inflated but the first bytes of an ODT's ``mimetype`` entry.
    """
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with open_archive(uploaded, limits) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
            if "mimetype" in names and "content.xml" in names:
                if read_head(archive, "mimetype", len(ODT_MIMETYPE) + 2).strip() == ODT_MIMETYPE:
                    return ODT
    except UnsafeArchive:
        raise
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, NotImplementedError):
        return None
    finally:
        uploaded.seek(0)
    return None


def validate_document(uploaded, kinds=DOCUMENT_KINDS):
    """Refuse a file that is too big, or whose content is not one of ``kinds``, or whose name lies.

    Returns the detected kind. An HTML page called ``.pdf`` or a renamed executable is refused.
    """
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB."),
            code="too_large",
            params={"size": f"{uploaded.size / 1_048_576:.1f}", "limit": f"{limit / 1_048_576:.1f}"},
        )
    try:
        kind = sniff_document_kind(uploaded)
    except UnsafeArchive as exc:
        raise ValidationError(
            _("This file cannot be accepted: %(reason)s"), code="unsafe_archive", params={"reason": exc}
        ) from None
    if kind not in kinds:
        raise ValidationError(
            _("This file is not a document we accept. Upload a %(kinds)s file."),
            code="bad_type",
            params={"kinds": ", ".join(k.upper() for k in kinds)},
        )
    suffix = PurePath(uploaded.name or "").suffix.lower().lstrip(".")
    if suffix != kind:
        raise ValidationError(
            _("The file's name ends in “.%(suffix)s” but its content is %(kind)s. Rename it and try again."),
            code="name_mismatch",
            params={"suffix": suffix, "kind": kind.upper()},
        )
    return kind


class DocumentField(forms.FileField):
    """A form field that accepts only real PDF/DOCX/ODT documents under the size cap."""

    def __init__(self, *args, kinds=DOCUMENT_KINDS, **kwargs):
        self.kinds = kinds
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": ",".join(f".{k}" for k in kinds)})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and value is not initial and hasattr(value, "size"):
            validate_document(value, self.kinds)
        return value


def attachment_response(field_file, download_name):
    """Serve a stored upload as a download, never rendered inline by the browser."""
    suffix = PurePath(field_file.name).suffix.lower().lstrip(".")
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=f"{download_name}.{suffix}" if suffix in DOCUMENT_KINDS else download_name,
        content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
