"""Small crafted import files for the importer tests."""

import csv
import io

HEADER = [
    "To",
    "To-Rgrp",
    "To-Org",
    "Text",
    "From",
    "From-Rgrp",
    "From-Org",
    "Response",
    "Action",
    "Issue",
    "Session",
]


def row(
    text,
    state="France",
    *,
    sur="Afghanistan",
    session="5",
    response="Accepted",
    action="5",
    issue="Women's rights",
    sur_group="Asia",
    state_group="WEOG",
):
    return [sur, sur_group, "OIC", text, state, state_group, "EU", response, action, issue, session]


def upr_info_csv(rows, *, encoding="mac_roman", newline="\r"):
    """Bytes of a UPR Info export (default: like the published files, Mac Roman with bare CR)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def ohchr_matrix_docx(path, header, rows):
    """A Word matrix like OHCHR's (one table: Recommendation, Position, themes, comments) at ``path``."""
    import docx  # noqa: PLC0415 - only the matrix tests need python-docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    table = document.add_table(rows=1, cols=4)
    for cell, title in zip(
        table.rows[0].cells, ["Recommendation", "Position", "Full list of themes", "Comments"], strict=True
    ):
        cell.text = title
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    document.save(path)
    return path
