"""One export writer: formulas neutralised and characters XLSX cannot hold replaced (issue 12, item 4)."""

import io

import openpyxl
import pytest

from core.spreadsheets import csv_bytes, spreadsheet_value, xlsx_bytes


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("\x1b[31mred", "\ufffd[31mred"),
        ("a\x00b\x08c\x0bd\x0ce\x1ff", "a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf"),
        ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),
        ("\x1b=cmd()", "\ufffd=cmd()"),
        ("=1+1", "'=1+1"),
        ("\ufffe\uffff", "\ufffd\ufffd"),
        (7, 7),
        (None, None),
    ],
)
def test_spreadsheet_value_neutralises_formulas_and_replaces_what_xlsx_cannot_hold(value, safe):
    assert spreadsheet_value(value) == safe


def test_xlsx_bytes_writes_hostile_text_that_openpyxl_would_refuse():
    content = xlsx_bytes(["Name\x07", "Count"], [["\x1b[31mred", 3], ["=HYPERLINK(1)", None]], title="Export")

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "Export"
    assert rows == [("Name\ufffd", "Count"), ("\ufffd[31mred", 3), ("'=HYPERLINK(1)", None)]
    assert sheet["A1"].font.bold is True


def test_csv_bytes_writes_a_bom_and_safe_cells():
    data = csv_bytes(["name", "=head"], [["=1+1", None], [True, 2]])

    assert data.decode("utf-8") == "\ufeffname,'=head\r\n'=1+1,\r\nyes,2\r\n"
