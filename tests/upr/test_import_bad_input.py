import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.upr.import_files import row, upr_info_csv
from upr.importing.loader import import_recommendations
from upr.models import Recommendation

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


def _errors(name, data, **kwargs):
    report = import_recommendations([(name, data)], **kwargs)
    assert Recommendation.objects.count() == 0
    return [str(p) for p in report.errors]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PNG, "data.csv: this is a PNG file, not a UPR Info CSV export or an OHCHR Word matrix."),
        (PDF, "data.csv: this is a PDF file, not a UPR Info CSV export or an OHCHR Word matrix."),
        (
            b"name,age\rAda,36\r",
            "data.csv, line 1: the columns are not those of a UPR Info export (expected To, "
            "To-Rgrp, To-Org, Text, From, From-Rgrp, From-Org, Response, Action, Issue, Session).",
        ),
    ],
)
def test_import_other_format_is_refused_with_a_clear_message(reference_data, data, message):
    assert _errors("data.csv", data) == [message]


def test_import_forced_format_that_does_not_match_the_content(reference_data):
    assert _errors("data.csv", upr_info_csv([row("A.")]), format="ohchr-matrix") == [
        "data.csv: --format ohchr-matrix was given but the file's content is upr-info-csv."
    ]


def test_import_truncated_row_names_file_and_line(reference_data):
    data = upr_info_csv([row("A."), row("B.")]) + b'Afghanistan,Asia,OIC,"Cut off in the mid'

    assert _errors("1-5.csv", data) == [
        "1-5.csv, line 4: expected 11 columns, found 4 (truncated or malformed row)."
    ]


def test_import_docx_without_table_is_refused(reference_data, tmp_path):
    document = docx.Document()
    document.add_paragraph("UPR of Slovenia (4th Cycle - 48th Session)")
    document.save(tmp_path / "m.docx")

    assert _errors("m.docx", (tmp_path / "m.docx").read_bytes()) == [
        "m.docx: no table of recommendations (a first row with “Recommendation” and “Position”)."
    ]


def test_import_command_refuses_empty_and_oversized_files(reference_data, tmp_path, settings):
    settings.RECOMMENDATION_IMPORT_MAX_BYTES = 1024
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "big.csv").write_bytes(upr_info_csv([row("A" * 2000)]))

    with pytest.raises(CommandError, match=r"^empty\.csv: the file is empty\.$"):
        call_command("import_recommendations", str(tmp_path / "empty.csv"))
    with pytest.raises(
        CommandError, match=r"^big\.csv: the file is 0\.0 MB, more than the limit of 0\.0 MB\.$"
    ):
        call_command("import_recommendations", str(tmp_path / "big.csv"))


def test_import_fifty_megabyte_file_is_refused_before_reading(reference_data, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)

    with pytest.raises(
        CommandError, match=r"^huge\.csv: the file is 50\.0 MB, more than the limit of 20\.0 MB\.$"
    ):
        call_command("import_recommendations", str(path))
    assert Recommendation.objects.count() == 0


def test_import_one_bad_file_among_good_ones_writes_nothing(reference_data):
    report = import_recommendations([("good.csv", upr_info_csv([row("A.")])), ("bad.csv", PNG)])

    assert [str(p) for p in report.errors] == [
        "bad.csv: this is a PNG file, not a UPR Info CSV export or an OHCHR Word matrix."
    ]
    assert (report.created, Recommendation.objects.count()) == (0, 0)
