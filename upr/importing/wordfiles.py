"""Word (.docx) files from outside, checked before python-docx reads them.

python-docx inflates every part of the package and parses it with lxml; a broken or hostile file would
end in ``AttributeError``, ``XMLSyntaxError`` or a zip bomb. ``open_word_document`` instead raises a
``SourceError`` that names the file (and the part, line and column of an XML error) for:
- an archive over ``core.archives.DOCUMENT_LIMITS`` (the limits of uploaded documents), before
  inflating anything;
- a part that declares a DTD (``<!DOCTYPE``/``<!ENTITY``): Office never writes one, and entity
  expansion ("billion laughs") needs one;
- a part that is not well-formed XML;
- a package python-docx cannot read, or whose main part is not a document body.
The same function serves ``manage.py import_recommendations``, the staff upload and the admin preview.
"""

import re
import zipfile
from io import BytesIO

import docx
from django.utils.translation import gettext as _
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from lxml import etree

from core.archives import UnsafeArchive, open_archive

from .sources import SourceError

_XML_SUFFIXES = (".xml", ".rels")
_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")


def _parser():
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def _check_part(part, content, name):
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise SourceError(
            _(
                "%(file)s: %(part)s declares a DTD (<!DOCTYPE>), which Word documents never do; "
                "the file is refused."
            )
            % {"file": name, "part": part}
        )
    try:
        etree.fromstring(content, _parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise SourceError(
            _("%(file)s: %(part)s is not well-formed XML (line %(line)s, column %(column)s: %(error)s).")
            % {
                "file": name,
                "part": part,
                "line": line,
                "column": column,
                "error": _POSITION_SUFFIX.sub("", exc.msg or ""),
            }
        ) from None


def check_word_file(data, name):
    """Raise ``SourceError`` unless every XML part of the archive is within limits and well-formed."""
    try:
        with open_archive(BytesIO(data)) as archive:
            for info in archive.infolist():
                if info.filename.endswith(_XML_SUFFIXES):
                    _check_part(info.filename, archive.read(info.filename), name)
    except UnsafeArchive as exc:
        raise SourceError(_("%(file)s: %(error)s") % {"file": name, "error": exc}) from None
    except (zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
        raise SourceError(
            _("%(file)s: the Word document cannot be opened (%(error)s).") % {"file": name, "error": exc}
        ) from None


def open_word_document(data, name):
    """A ``docx.Document`` of ``data``, or ``SourceError`` saying what is wrong with the file."""
    check_word_file(data, name)
    try:
        document = docx.Document(BytesIO(data))
    except (OpcError, KeyError, ValueError, AttributeError, TypeError, etree.LxmlError):
        raise SourceError(
            _("%(file)s: this is not a Word document that can be read (its package structure is broken).")
            % {"file": name}
        ) from None
    root = document.element
    if root.tag != qn("w:document") or root.find(qn("w:body")) is None:
        raise SourceError(
            _(
                "%(file)s: this is not a Word document that can be read "
                "(its main part is not a document body)."
            )
            % {"file": name}
        )
    return document
