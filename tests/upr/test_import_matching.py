"""UPR Info rows and OHCHR matrix paragraphs of one Review become one recommendation per paragraph."""

import csv
import io
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.upr.import_files import ohchr_matrix_docx, row, upr_info_csv
from upr.importing.loader import import_recommendations, read_sources
from upr.importing.ohchr_matrix import split_segments
from upr.models import Issue, Recommendation

CHINA_17 = "Matrix_recommendations_2013.docx"
SLOVENIA_20 = "UPR20__Slovenia_ThematicListRecommendations_E.docx"
WRITES = ("INSERT", "UPDATE", "DELETE")


def _review(iso3, session):
    return Recommendation.objects.filter(review__state__iso3=iso3, review__session__number=session)


def _states(rec):
    return [link.state.iso3 for link in rec.state_links.select_related("state")]


def _issues(rec):
    return sorted(rec.issues.values_list("slug", flat=True))


@pytest.fixture
def upr_info_rows(shared_data_dir, tmp_path):
    """The real UPR Info rows of China WG17 and Slovenia WG20 only (the whole files take 10 s more)."""
    folder = shared_data_dir / "recommendations" / "upr-info"
    kept = []
    for name in ("14-17.csv", "17-20.csv"):
        text = (folder / name).read_bytes().decode("mac_roman").replace("\r", "\n")
        rows = list(csv.reader(io.StringIO(text)))
        header = rows[0]
        kept += [r for r in rows[1:] if (r[0], r[10]) in {("China", "17"), ("Slovenia", "20")}]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r").writerows([header, *kept])
    path = tmp_path / "china-slovenia.csv"
    path.write_bytes(out.getvalue().encode("mac_roman"))
    return path, len(kept)


@pytest.fixture
def matrices(shared_data_dir):
    folder = shared_data_dir / "recommendations" / "ohchr-matrices"
    return [folder / CHINA_17, folder / SLOVENIA_20]


def _import(paths):
    report = import_recommendations(read_sources(paths))
    assert report.ok, report.render()
    return report


def _paragraphs():
    return {(r.review_id, r.paragraph): (_issues(r), r.action_category) for r in Recommendation.objects.all()}


def _assert_one_per_paragraph():
    china, slovenia = _review("CHN", 17), _review("SVN", 20)
    assert (china.count(), Counter(china.values_list("response", flat=True))) == (
        252,
        {"supported": 204, "noted": 48},
    )
    assert (slovenia.count(), Counter(slovenia.values_list("response", flat=True))) == (
        163,
        {"supported": 142, "noted": 21},
    )
    both = china | slovenia
    assert both.filter(paragraph="").count() == 0
    assert both.filter(issues__isnull=False).distinct().count() == 415
    assert both.filter(action_category__isnull=False).count() == 415


def test_import_matrix_over_upr_info_real_files_one_recommendation_per_paragraph(
    reference_data, upr_info_rows, matrices
):
    path, rows = upr_info_rows
    _import([path])
    assert (_review("CHN", 17).count(), _review("SVN", 20).count(), rows) == (284, 168, 464)
    alone = _review("CHN", 17).get(text="Ratify ICCPR")
    alone_issues = _issues(alone)

    report = _import(matrices)

    _assert_one_per_paragraph()
    assert (report.matched, report.absorbed) == (452, 452)
    assert (report.created, report.updated, report.deleted) == (1, 414, 38)
    assert not _review("CHN", 17).filter(text="Ratify ICCPR").exists()
    joint = _review("CHN", 17).get(paragraph="186.1")
    assert joint.text.startswith("Ratify ICCPR (Albania); Ratify ICCPR and CPED (Chile);")
    assert _states(joint)[:3] == ["ALB", "CHL", "BEL"]
    assert set(alone_issues) <= set(_issues(joint))
    assert joint.response == "noted"
    assert report.warnings == []


def test_import_upr_info_over_matrix_real_files_carries_issues_onto_paragraphs(
    reference_data, upr_info_rows, matrices
):
    path, _rows = upr_info_rows
    _import(matrices)
    assert Recommendation.objects.filter(issues__isnull=False).count() == 0

    report = _import([path])

    _assert_one_per_paragraph()
    assert (report.matched, report.absorbed, report.created, report.deleted) == (452, 0, 0, 0)
    assert report.updated == 415


def test_import_matrix_and_upr_info_in_either_order_give_the_same_paragraphs(
    reference_data, upr_info_rows, matrices
):
    path, _rows = upr_info_rows
    _import([path])
    _import(matrices)
    first = _paragraphs()
    Recommendation.objects.all().delete()

    _import(matrices)
    _import([path])

    assert _paragraphs() == first


@pytest.mark.parametrize("again", ["matrix", "upr-info", "both"])
def test_import_again_after_matching_writes_nothing(reference_data, upr_info_rows, matrices, again):
    path, _rows = upr_info_rows
    _import([path])
    _import(matrices)
    paths = {"matrix": matrices, "upr-info": [path], "both": [path, *matrices]}[again]

    with CaptureQueriesContext(connection) as queries:
        report = _import(paths)

    assert [q["sql"] for q in queries if q["sql"].split()[0].upper() in WRITES] == []
    assert (report.created, report.updated, report.deleted) == (0, 0, 0)
    _assert_one_per_paragraph()


def test_import_upr_info_and_matrix_in_one_import_one_recommendation_per_paragraph(
    reference_data, upr_info_rows, matrices
):
    path, _rows = upr_info_rows

    report = _import([path, *matrices])

    _assert_one_per_paragraph()
    assert (report.matched, report.absorbed, report.created, report.updated) == (452, 0, 415, 0)


SVN_20 = {"sur": "Slovenia", "session": "20", "sur_group": "EEG"}
SVN_20_HEADER = "UPR of Slovenia (2nd Cycle – 20th session)\t\tThematic list"


def _matrix_rows(*cells):
    return [(cell, position, "A12 Acceptance of international norms", "") for cell, position in cells]


def test_import_matrix_reports_what_is_left_unmatched_on_each_side(reference_data, tmp_path):
    upr_info = tmp_path / "svn.csv"
    upr_info.write_bytes(
        upr_info_csv(
            [
                row("Ratify the OP-CAT", "Croatia", **SVN_20, issue="Torture and other CID treatment"),
                row("Abolish something else", "France", **SVN_20, response="Noted"),
            ]
        )
    )
    _import([upr_info])
    matrix = ohchr_matrix_docx(
        tmp_path / "matrix.docx",
        SVN_20_HEADER,
        _matrix_rows(
            ("115.1 Ratify the OP - CAT (Croatia);", "Supported"),
            ("115.2 Protect journalists (Brazil);", "Noted"),
        ),
    )

    report = _import([matrix])

    recs = {r.paragraph or r.text: r for r in _review("SVN", 20)}
    assert sorted(recs) == ["115.1", "115.2", "Abolish something else"]
    assert (_issues(recs["115.1"]), recs["115.1"].action_category) == (["torture-and-other-cid-treatment"], 5)
    assert _issues(recs["115.2"]) == []
    assert [str(p) for p in report.warnings] == [
        "svn.csv, line 3: SVN:20: “Abolish something else” by FRA matches no paragraph of the OHCHR "
        "matrix; kept as it is."
    ]
    assert [str(p) for p in report.notices if str(p).startswith("SVN:20")] == [
        "SVN:20: 1 of 2 UPR Info recommendations matched to 1 of 2 paragraphs of the OHCHR matrix.",
        "SVN:20: paragraphs without a UPR Info recommendation (no issues carried): 115.2.",
    ]


def test_import_matrix_matches_a_slightly_different_text_by_the_same_state(reference_data, tmp_path):
    upr_info = tmp_path / "svn.csv"
    upr_info.write_bytes(
        upr_info_csv(
            [
                row(
                    "Ratify the International Convention on the Rights of All Migrant Workers and Members "
                    "of Their Families",
                    "Iran",
                    sur="Slovenia",
                    session="20",
                    response="Noted",
                ),
                row(
                    "Ratify the International Convention on the Rights of All Migrant Workers",
                    "Brazil",
                    sur="Slovenia",
                    session="20",
                    response="Noted",
                ),
            ]
        )
    )
    _import([upr_info])
    matrix = ohchr_matrix_docx(
        tmp_path / "matrix.docx",
        SVN_20_HEADER,
        _matrix_rows(
            (
                "115.6 Ratify the International Convention on the Rights of All Migrant Workers and Members "
                "of Their Families (ICRMW) (Iran (Islamic Republic of));",
                "Noted",
            ),
        ),
    )

    report = _import([matrix])

    # The same text by another State is not this paragraph's: it stays apart.
    assert sorted(r.paragraph for r in _review("SVN", 20)) == ["", "115.6"]
    assert report.matched == 1
    assert len(report.warnings) == 1


def test_import_matrix_joint_paragraph_absorbs_each_states_row(reference_data, tmp_path):
    women = Issue.objects.get(slug="womens-rights")
    upr_info = tmp_path / "svn.csv"
    upr_info.write_bytes(
        upr_info_csv(
            [
                row("Ensure compliance with the Paris Principles", "Egypt", **SVN_20),
                row(
                    "Continue to guarantee compliance with the Paris Principles",
                    "Peru",
                    sur="Slovenia",
                    session="20",
                    action="2",
                ),
                row("Bring the Ombudsman into compliance", "Azerbaijan", **SVN_20),
            ]
        )
    )
    _import([upr_info])
    kept_id = _review("SVN", 20).order_by("id").first().pk
    matrix = ohchr_matrix_docx(
        tmp_path / "matrix.docx",
        SVN_20_HEADER,
        _matrix_rows(
            (
                "115.38 Ensure compliance with the Paris Principles (Egypt); continue to guarantee "
                "compliance with the Paris Principles (Peru); bring the Ombudsman into compliance "
                "(Azerbaijan);",
                "Supported",
            ),
        ),
    )

    report = _import([matrix])

    rec = _review("SVN", 20).get()
    assert (rec.pk, rec.paragraph, _states(rec), list(rec.issues.all())) == (
        kept_id,
        "115.38",
        ["EGY", "PER", "AZE"],
        [women],
    )
    assert rec.action_category == 5
    assert (report.matched, report.absorbed, report.deleted) == (3, 3, 2)


def test_split_segments_parts_end_with_states_whatever_the_next_letter():
    is_state = {"Egypt", "Peru", "Iran (Islamic Republic of)"}.__contains__

    assert split_segments("Do X (Egypt); continue Y (Peru); Plan (2016–2020); do Z", is_state) == [
        ("Do X", ["Egypt"]),
        ("continue Y", ["Peru"]),
        ("Plan (2016–2020); do Z", []),
    ]
