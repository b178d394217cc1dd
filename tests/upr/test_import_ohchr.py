import docx
import pytest

from upr.importing import ohchr_matrix
from upr.importing.loader import import_recommendations, read_sources
from upr.models import Recommendation

MATRICES = {
    "Matrix_recommendations_2013.docx": ("CHN", 17, 252),
    "Matrix_recommendations_2018.docx": ("CHN", 31, 346),
    "UPR20__Slovenia_ThematicListRecommendations_E.docx": ("SVN", 20, 163),
    "UPR34_Slovenia_Thematic_list_of_Recommendations.docx": ("SVN", 34, 215),
    "upr48-slovenia-thematic-list-of-recommendatio.docx": ("SVN", 48, 254),
}


def _states(rec):
    return [link.state.iso3 for link in rec.state_links.select_related("state")]


def test_split_recommendation_takes_trailing_states_and_source():
    cell = "140.7 Ratify the OP-ICESCR (Maldives) (Portugal);\nSource of Position: A/HRC/59/15/Add.1 - Para.3"

    assert ohchr_matrix.split_recommendation(cell) == (
        "140.7",
        "Ratify the OP-ICESCR",
        ["Maldives", "Portugal"],
        "A/HRC/59/15/Add.1",
    )


def test_split_recommendation_keeps_non_state_parentheses_in_the_text():
    cell = (
        "28.74 Implement the Plan (2016–2020) (Kyrgyzstan);\nSource of position: A/HRC/40/6/Add.1 - Para. 2"
    )
    is_state = {"Kyrgyzstan", "Venezuela (Bolivarian Republic of)"}.__contains__

    assert ohchr_matrix.split_recommendation(cell, is_state)[1:3] == (
        "Implement the Plan (2016–2020)",
        ["Kyrgyzstan"],
    )
    assert ohchr_matrix.split_recommendation(
        "1.1 Ratify ICRMW (Peru, Venezuela (Bolivarian Republic of)).", is_state
    )[1:3] == ("Ratify ICRMW", ["Peru", "Venezuela (Bolivarian Republic of)"])


def test_split_recommendation_joined_texts_give_every_state():
    cell = "121.2 Complete ratification (Ukraine); Increase efforts towards ratification (Slovakia);"

    paragraph, text, names, _source = ohchr_matrix.split_recommendation(cell)

    assert (paragraph, text, names) == (
        "121.2",
        "Complete ratification (Ukraine); Increase efforts towards ratification",
        ["Ukraine", "Slovakia"],
    )


def test_split_themes_cycle_layouts():
    assert ohchr_matrix.split_themes(
        "A12 Acceptance of international norms\nAffected persons:\n- children"
    ) == (["A12 Acceptance of international norms"], ["children"], [])
    assert ohchr_matrix.split_themes(
        "A12 Norms\nS16 SDG 16 - peace, justice\nAffected persons:\n- general"
    ) == (["A12 Norms"], ["general"], ["16 - peace, justice"])
    assert ohchr_matrix.split_themes(
        "- Enforced disappearances\nSDGs: \n- 16 - PEACE\nAffected persons: \n- Disappeared"
    ) == (["Enforced disappearances"], ["Disappeared"], ["16 - PEACE"])


def _matrix(tmp_path, header="", rows=()):
    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    table = document.add_table(rows=1, cols=4)
    for cell, title in zip(
        table.rows[0].cells, ["Recommendation", "Position", "Full list of themes", "Comments"], strict=True
    ):
        cell.text = title
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    path = tmp_path / "matrix.docx"
    document.save(path)
    return path


def test_import_ohchr_review_from_header_and_from_option(reference_data, tmp_path):
    rows = [
        (
            "115.1 Ratify the OP-CAT (Croatia);\nSource of position: A/HRC/28/15/Add.1 - Para. 3",
            "Supported",
            "A12 Acceptance of international norms\nAffected persons:\n- general",
            "",
        )
    ]
    with_header = _matrix(tmp_path, "UPR of Slovenia (2nd Cycle – 20th session)\t\tThematic list", rows)

    report = import_recommendations(read_sources([with_header]))

    assert report.ok, report.render()
    rec = Recommendation.objects.get()
    assert (rec.review.state.iso3, rec.review.session.number, rec.paragraph, rec.response) == (
        "SVN",
        20,
        "115.1",
        "supported",
    )
    assert (rec.text, _states(rec), rec.source_document) == (
        "Ratify the OP-CAT",
        ["HRV"],
        "A/HRC/28/15/Add.1",
    )
    assert (rec.ohchr_themes, rec.groups_of_persons, rec.sdgs) == (
        ["A12 Acceptance of international norms"],
        ["general"],
        [],
    )

    without = _matrix(tmp_path, "", rows)
    report = import_recommendations(read_sources([without]))
    assert [str(p) for p in report.errors] == [
        "matrix.docx: the document does not say which State was reviewed in which session; "
        "give --review ISO3:SESSION."
    ]
    report = import_recommendations(read_sources([without]), review=("SVN", 34))
    assert report.ok
    assert sorted(Recommendation.objects.values_list("review__session__number", flat=True)) == [20, 34]


def test_import_ohchr_real_matrices_one_recommendation_per_paragraph(reference_data, shared_data_dir):
    folder = shared_data_dir / "recommendations" / "ohchr-matrices"

    report = import_recommendations(read_sources(sorted(folder.glob("*.docx"))))

    assert report.ok, report.render()
    for name, (iso3, session, paragraphs) in MATRICES.items():
        recs = Recommendation.objects.filter(review__state__iso3=iso3, review__session__number=session)
        assert recs.count() == paragraphs, name
        assert recs.values("paragraph").distinct().count() == paragraphs, name
        assert set(recs.values_list("source_file", flat=True)) == {name}
    assert report.by_response == {"supported": 1029, "noted": 201}


@pytest.mark.parametrize(
    ("iso3", "session", "paragraph", "states", "response", "source", "text_end"),
    [
        (
            "SVN",
            48,
            "140.7",
            ["MDV", "PRT"],
            "supported",
            "A/HRC/59/15/Add.1",
            "Economic, Social and Cultural Rights",
        ),
        ("SVN", 48, "140.253", ["CRI"], "noted", "A/HRC/59/15/Add.1", "registration of stateless persons"),
        (
            "SVN",
            34,
            "121.1",
            ["FRA", "LTU"],
            "supported",
            "A/HRC/43/15",
            "All Persons from Enforced Disappearance",
        ),
        (
            "SVN",
            34,
            "121.2",
            ["UKR", "SVK"],
            "supported",
            "A/HRC/43/15",
            "All Persons from Enforced Disappearance",
        ),
        (
            "SVN",
            34,
            "122.10",
            ["PHL"],
            "noted",
            "A/HRC/43/15/Add.1",
            "Domestic Workers Convention, 2011 (No. 189)",
        ),
        (
            "SVN",
            20,
            "115.3",
            ["PRT", "SVK"],
            "supported",
            "A/HRC/28/15/Add.1",
            "on a communications procedure",
        ),
        (
            "SVN",
            20,
            "115.8",
            ["SEN", "SLE", "VEN", "PER", "URY"],
            "noted",
            "A/HRC/28/15/Add.1",
            "Ratify ICRMW",
        ),
        ("SVN", 20, "115.163", ["NGA"], "noted", "A/HRC/28/15/Add.1", "non-violation of migrants’ rights"),
        ("CHN", 17, "186.20", ["EST"], "noted", "A/HRC/25/5/Add.1", "Privileges and Immunities of the Court"),
        ("CHN", 17, "186.198", ["BOL"], "supported", "A/HRC/25/5/Add.1", "that provide public services"),
        (
            "CHN",
            31,
            "28.74",
            ["KGZ"],
            "supported",
            "A/HRC/40/6/Add.1",
            "Human Rights Action Plan (2016–2020)",
        ),
        (
            "CHN",
            31,
            "28.333",
            ["AUS"],
            "noted",
            "A/HRC/40/6/Add.1",
            "Release detained human rights defenders",
        ),
    ],
)
def test_import_ohchr_real_paragraphs_checked_by_hand(
    reference_data, shared_data_dir, iso3, session, paragraph, states, response, source, text_end
):
    name = next(n for n, (i, s, _p) in MATRICES.items() if (i, s) == (iso3, session))

    report = import_recommendations(
        read_sources([shared_data_dir / "recommendations" / "ohchr-matrices" / name])
    )

    assert report.ok, report.render()
    rec = Recommendation.objects.get(
        review__state__iso3=iso3, review__session__number=session, paragraph=paragraph
    )
    assert (_states(rec), rec.response, rec.source_document) == (states, response, source)
    assert rec.text.endswith(text_end)
