import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import application_submission_path, sniff_document_kind, validate_document


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (zipped({"[Content_Types].xml": "x", "word/document.xml": "x"}), "docx"),
        (zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "x"}), "odt"),
        (zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "x"}), None),
        (zipped({"[Content_Types].xml": "x", "xl/workbook.xml": "x"}), None),
        (b"MZ\x90\x00", None),
        (b"\x7fELF\x02", None),
        (b"<html><body>%PDF-</body></html>", None),
        (b"", None),
    ],
)
def test_sniff_document_kind_reads_content_not_name(content, kind):
    assert sniff_document_kind(SimpleUploadedFile("anything.pdf", content)) == kind


def test_validate_document_refuses_oversize(settings):
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 10))
    assert error.value.code == "too_large"


def test_random_stored_name_keeps_only_a_known_extension():
    first = application_submission_path(None, "../../etc/passwd.PDF")
    second = application_submission_path(None, "report.exe")

    assert first.startswith("applications/submissions/") and first.endswith(".pdf")
    assert ".." not in first and "passwd" not in first
    assert second.endswith(".bin")
    assert first != application_submission_path(None, "../../etc/passwd.PDF")
