"""Uploaded DOCX/ODT documents are sniffed without inflating a zip bomb (issue 12, item 1)."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.archives import ArchiveLimits, UnsafeArchive, open_archive
from core.uploads import ODT_MIMETYPE, sniff_document_kind, validate_document
from tests.zipbombs import build_zip

GIB = 1 << 30
MIB = 1 << 20


def measured(call):
    """``(result or exception, seconds, peak bytes allocated)`` of ``call()``."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = call()
    except Exception as exc:  # noqa: BLE001 - the outcome is asserted by the caller
        outcome = exc
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return outcome, seconds, peak


@pytest.fixture(scope="module")
def odt_bomb():
    """A ~1 MB ODT whose ``mimetype`` entry inflates to 1 GB of zeros."""
    return build_zip({"mimetype": GIB, "content.xml": b"<office:document-content/>"})


def test_validate_document_refuses_odt_bomb_fast_in_bounded_memory(odt_bomb):
    upload = SimpleUploadedFile("bomb.odt", odt_bomb)

    outcome, seconds, peak = measured(lambda: validate_document(upload))

    assert isinstance(outcome, ValidationError)
    assert outcome.code == "unsafe_archive"
    assert seconds < 0.5
    assert peak < 50 * MIB


def test_sniff_document_kind_reads_a_few_bytes_of_a_forged_small_mimetype():
    # The header says 39 bytes, the stream holds 1 GB: only a few bytes may be inflated.
    content = build_zip(
        {"mimetype": GIB, "content.xml": b"<x/>"}, declared_sizes={"mimetype": len(ODT_MIMETYPE)}
    )

    outcome, seconds, peak = measured(lambda: sniff_document_kind(SimpleUploadedFile("a.odt", content)))

    assert outcome is None
    assert seconds < 0.5
    assert peak < 50 * MIB


def test_validate_document_refuses_docx_bomb_in_its_body():
    content = build_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": GIB})

    outcome, seconds, peak = measured(lambda: validate_document(SimpleUploadedFile("b.docx", content)))

    assert isinstance(outcome, ValidationError)
    assert outcome.code == "unsafe_archive"
    assert seconds < 0.5
    assert peak < 50 * MIB


def test_validate_document_accepts_a_real_looking_odt():
    content = build_zip({"mimetype": ODT_MIMETYPE, "content.xml": b"<office:document-content/>" * 100})

    assert validate_document(SimpleUploadedFile("fine.odt", content)) == "odt"


def test_open_archive_refuses_too_many_members_before_listing_them():
    content = build_zip({f"m{index}.xml": b"" for index in range(11)})

    with pytest.raises(UnsafeArchive), open_archive(io.BytesIO(content), ArchiveLimits(max_members=10)):
        pass


def test_open_archive_refuses_high_ratio_member_even_under_the_total_cap():
    content = build_zip({"word/document.xml": 8 * MIB})
    limits = ArchiveLimits(max_inflated_bytes=GIB, max_ratio=100)

    with pytest.raises(UnsafeArchive), open_archive(io.BytesIO(content), limits):
        pass


def test_open_archive_refuses_total_inflation_over_the_cap():
    content = build_zip({"a.xml": b"a" * 600_000, "b.xml": b"b" * 600_000})
    limits = ArchiveLimits(max_inflated_bytes=MIB, max_ratio=10_000)

    with pytest.raises(UnsafeArchive) as error, open_archive(io.BytesIO(content), limits):
        pass
    assert str(error.value) == "The archive would expand to 1 MB, more than the limit of 1 MB."


def test_open_archive_opens_a_normal_archive():
    content = build_zip({"a.xml": b"<a/>"})

    with open_archive(io.BytesIO(content)) as archive:
        assert archive.namelist() == ["a.xml"]
        assert isinstance(archive, zipfile.ZipFile)
