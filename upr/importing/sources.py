"""What the readers produce (one ``SourceRow`` per published recommendation) and how a file is recognised."""

import gzip
import lzma
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from core.archives import UnsafeArchive, open_archive

UPR_INFO_CSV = "upr-info-csv"
OHCHR_MATRIX = "ohchr-matrix"
FORMATS = (UPR_INFO_CSV, OHCHR_MATRIX)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Magic bytes of the formats people upload by mistake, to say what the file really is.
_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\xd0\xcf\x11\xe0", _("old Microsoft Office (.doc/.xls)")),
    (b"{\\rtf", "RTF"),
    (b"\x1f\x8b", "gzip"),
)


class SourceError(Exception):
    """A file that cannot be read at all (wrong format, empty, too big, no table)."""


@dataclass
class SourceRow:
    """One recommendation by one or several States, as read from a file, not yet resolved."""

    file: str
    line: int
    text: str
    state_names: list
    response: str = ""
    action: str = ""
    issue_names: list = field(default_factory=list)
    paragraph: str = ""
    ohchr_themes: list = field(default_factory=list)
    groups_of_persons: list = field(default_factory=list)
    sdgs: list = field(default_factory=list)
    source_document: str = ""
    # Review: either names and a session number from the file, or resolved later from --review.
    sur_name: str = ""
    session: int | None = None
    # Declared memberships, checked against reference data (UPR Info only).
    sur_group: str = ""
    sur_orgs: str = ""
    state_group: str = ""
    state_orgs: str = ""


@dataclass
class Merged:
    """One recommendation as the files give it, ready to compare and write."""

    review_id: int
    text: str
    format: str
    file: str
    line: int
    state_ids: list = field(default_factory=list)
    issue_ids: set = field(default_factory=set)
    response: str = ""
    action_category: int | None = None
    paragraph: str = ""
    ohchr_themes: list = field(default_factory=list)
    groups_of_persons: list = field(default_factory=list)
    sdgs: list = field(default_factory=list)
    source_document: str = ""
    lines: list = field(default_factory=list)
    key: str = ""
    # Set by ``matching``: UPR Info issues and category carried onto a matrix paragraph, and the ids of
    # the UPR Info recommendations already in the database that the paragraph absorbs.
    carried: bool = False
    absorbed_ids: list = field(default_factory=list)


def max_bytes():
    return getattr(settings, "RECOMMENDATION_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


# Compressed files read from disk (the bundled UPR Info data; never uploads): suffix → opener.
_COMPRESSED = {".xz": lzma.open, ".gz": gzip.open}


def source_name(path):
    """The name a file is reported under: ``1-5.csv.xz`` → ``1-5.csv``."""
    path = Path(path)
    return path.stem if path.suffix in _COMPRESSED else path.name


def read_bytes(path):
    """The file's content, refusing empty and oversized files before reading them.

    ``.xz`` and ``.gz`` files are decompressed; the size cap then applies to what they hold, read
    no further than one byte past the limit.
    """
    path = Path(path)
    opener = _COMPRESSED.get(path.suffix)
    if opener is None:
        check_size(path.stat().st_size, path.name)
        return path.read_bytes()
    try:
        with opener(path) as stream:
            data = stream.read(max_bytes() + 1)
    except (lzma.LZMAError, gzip.BadGzipFile, EOFError) as exc:
        raise SourceError(
            _("%(file)s: the compressed file cannot be read (%(error)s).") % {"file": path.name, "error": exc}
        ) from None
    check_size(len(data), source_name(path))
    return data


def check_size(size, name):
    limit = max_bytes()
    if size == 0:
        raise SourceError(_("%(file)s: the file is empty.") % {"file": name})
    if size > limit:
        raise SourceError(
            _("%(file)s: the file is %(size).1f MB, more than the limit of %(limit).1f MB.")
            % {"file": name, "size": size / 1_048_576, "limit": limit / 1_048_576}
        )


def is_docx(data):
    """Whether ``data`` is a Word archive; ``core.archives.UnsafeArchive`` for a zip bomb."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with open_archive(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def detect_format(data, name):
    """``upr-info-csv`` or ``ohchr-matrix`` from the content (never from the file name)."""
    try:
        docx = is_docx(data)
    except UnsafeArchive as exc:
        raise SourceError(_("%(file)s: %(error)s") % {"file": name, "error": exc}) from None
    if docx:
        return OHCHR_MATRIX
    for magic, label in _MAGIC:
        if data.startswith(magic):
            raise SourceError(
                _("%(file)s: this is a %(kind)s file, not a UPR Info CSV export or an OHCHR Word matrix.")
                % {"file": name, "kind": label}
            )
    if data.startswith(b"PK\x03\x04"):
        raise SourceError(
            _("%(file)s: this is a ZIP archive (perhaps an Excel file), not a Word .docx matrix.")
            % {"file": name}
        )
    if b"\x00" in data[:4096]:
        raise SourceError(_("%(file)s: this is a binary file, not a CSV export.") % {"file": name})
    return UPR_INFO_CSV
