"""Staff exports of applications, scores and speakers: formula-safe, at-risk marked, staff only."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.spreadsheets import cell_value
from speakers.models import Application, Organisation
from speakers.review.services import save_assessment


def export_url(w, kind, fmt):
    return reverse("selection:export", kwargs={"number": w.round.number, "kind": kind, "fmt": fmt})


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+41 22", "'+41 22"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (3, 3),
        (None, ""),
    ],
)
def test_cell_value_defuses_formulas(value, expected):
    assert cell_value(value) == expected


def test_applications_csv_is_formula_safe_and_marks_at_risk(client, review_world):
    Organisation.objects.filter(pk=review_world.org_a.pk).update(name='=HYPERLINK("http://evil","x")')
    Application.objects.filter(pk=review_world.app_a.pk).update(at_risk=True)
    values = {c.pk: 5 for c in review_world.criteria}
    save_assessment(
        reviewer=review_world.reviewer, application=review_world.app_a, values=values, submit=True
    )
    client.force_login(review_world.staff)
    response = client.get(export_url(review_world, "applications", "csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="presessions-{review_world.round.number}-applications.csv"'
    )
    header, *rows = read_csv(response)
    assert header[:3] == ["Application", "State under Review", "Organisation"]
    assert header[-1] == "At risk"
    by_pk = {int(row[0]): row for row in rows}
    assert by_pk[review_world.app_a.pk][2] == '\'=HYPERLINK("http://evil","x")'
    assert by_pk[review_world.app_a.pk][6] == "Ana Alpha"  # staff keep the identity…
    assert by_pk[review_world.app_a.pk][-1] == "AT RISK: never publish"  # …marked
    assert by_pk[review_world.app_a.pk][13] == "100.0"
    assert by_pk[review_world.app_b.pk][-1] == ""


def test_scores_xlsx_has_one_row_per_assessment_with_text_cells(client, review_world):
    values = {c.pk: 3 for c in review_world.criteria}
    save_assessment(
        reviewer=review_world.reviewer,
        application=review_world.app_b,
        values=values,
        comment="=1+1",
        submit=True,
    )
    client.force_login(review_world.staff)
    response = client.get(export_url(review_world, "scores", "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Application", "State under Review", "Organisation", "Reviewer")
    assert len(rows) == 2
    assert rows[1][3] == "reviewer@example.org"
    assert rows[1][4:8] == (3, 3, 3, 3)
    assert rows[1][8] == 60.0
    assert rows[1][9] == "'=1+1"


def test_speakers_export_lists_only_selected_and_confirmed(client, review_world):
    Application.objects.filter(pk=review_world.app_b.pk).update(status="selected")
    client.force_login(review_world.staff)
    header, *rows = read_csv(client.get(export_url(review_world, "speakers", "csv")))
    assert [row[1] for row in rows] == ["Bruno Beta"]


@pytest.mark.parametrize("role", ["reviewer", "conflicted_reviewer", "applicant_a"])
def test_exports_are_staff_only(client, review_world, role):
    client.force_login(getattr(review_world, role))
    for kind in ("applications", "scores", "speakers"):
        assert client.get(export_url(review_world, kind, "csv")).status_code == 403


@pytest.mark.parametrize("kind", ["applications", "scores", "speakers"])
def test_xlsx_exports_replace_control_characters(client, review_world, kind):
    Organisation.objects.filter(pk=review_world.org_a.pk).update(name="\x1b[31mred")
    save_assessment(
        reviewer=review_world.reviewer,
        application=review_world.app_a,
        values={c.pk: 3 for c in review_world.criteria},
        comment="bell\x07",
        submit=True,
    )
    Application.objects.filter(pk=review_world.app_a.pk).update(status="selected")
    client.force_login(review_world.staff)

    response = client.get(export_url(review_world, kind, "xlsx"))

    assert response.status_code == 200
    cells = {
        cell
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        for cell in row
    }
    assert "\ufffd[31mred" in cells
