import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.upr.import_files import row, upr_info_csv
from upr.importing import upr_info
from upr.importing.loader import import_recommendations
from upr.importing.report import ImportReport
from upr.models import Recommendation

ACCENTED = "Bring Mr. Hissène Habré to justice, vis-à-vis the “Séléka” (Côte d’Ivoire)"


def _import(files, **kwargs):
    return import_recommendations([(name, data) for name, data in files.items()], **kwargs)


def _states(rec):
    return [link.state.iso3 for link in rec.state_links.select_related("state")]


@pytest.mark.parametrize(
    ("encoding", "newline", "label"),
    [("mac_roman", "\r", "Mac Roman"), ("cp1252", "\r\n", "Windows-1252"), ("utf-8", "\n", "UTF-8")],
)
def test_upr_info_decode_recognises_the_encoding(encoding, newline, label):
    data = upr_info_csv([row(ACCENTED)], encoding=encoding, newline=newline)
    report = ImportReport()

    rows = list(upr_info.read(data, "f.csv", report))

    assert rows[0].text == ACCENTED
    assert report.files["f.csv"]["encoding"] == label


def test_upr_info_decode_recognises_utf8_with_bom():
    text, label = upr_info.decode("To,Habré".encode("utf-8-sig"), "f.csv")

    assert (text, label) == ("To,Habré", "UTF-8 (with BOM)")


def test_upr_info_read_gives_start_line_of_each_row_with_embedded_newline():
    data = upr_info_csv([row("First\rline two"), row("Second")])

    rows = list(upr_info.read(data, "f.csv", ImportReport()))

    assert [(r.line, r.text) for r in rows] == [(2, "First\nline two"), (4, "Second")]


def test_import_upr_info_creates_recommendations_with_states_issues_response_action(reference_data):
    data = upr_info_csv(
        [
            row("Ratify the OP-CAT.", "France", issue="Torture and other CID treatment,Women's rights"),
            row("Ratify the OP-CAT.", "Slovenia", state_group="EEG"),
            row(
                "Consider abolishing the death penalty.",
                "Brazil",
                response="Noted",
                action="3",
                issue="Death penalty",
                state_group="GRULAC",
            ),
        ]
    )

    report = _import({"1-5.csv": data})

    assert report.ok, report.render()
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    opcat = Recommendation.objects.get(text="Ratify the OP-CAT.")
    assert (opcat.review.state.iso3, opcat.review.session.number) == ("AFG", 5)
    assert _states(opcat) == ["FRA", "SVN"]
    assert sorted(opcat.issues.values_list("slug", flat=True)) == [
        "torture-and-other-cid-treatment",
        "womens-rights",
    ]
    assert (opcat.response, opcat.action_category) == ("supported", 5)
    assert (opcat.source_file, opcat.source_line) == ("1-5.csv", 2)
    death = Recommendation.objects.get(text="Consider abolishing the death penalty.")
    assert (death.response, death.action_category, _states(death)) == ("noted", 3, ["BRA"])
    assert report.by_response == {"supported": 1, "noted": 1}
    assert report.by_action == {5: 1, 3: 1}


def test_import_upr_info_again_writes_nothing(reference_data):
    data = upr_info_csv([row("Ratify the OP-CAT."), row("Ratify the OP-CAT.", "Slovenia", state_group="EEG")])
    _import({"1-5.csv": data})

    with CaptureQueriesContext(connection) as queries:
        report = _import({"1-5.csv": data})

    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)


def test_import_upr_info_corrected_file_updates_in_place(reference_data):
    _import({"1-5.csv": upr_info_csv([row("Ratify the OP-CAT.", response="Noted", issue="Women's rights")])})
    rec = Recommendation.objects.get()

    corrected = upr_info_csv(
        [
            row(
                "Ratify  the OP-CAT ",
                response="Accepted",
                action="4",
                issue="Torture and other CID treatment",
            ),
            row(
                "Ratify the OP-CAT.",
                "Slovenia",
                response="Accepted",
                action="4",
                issue="Torture and other CID treatment",
                state_group="EEG",
            ),
        ]
    )
    report = _import({"1-5.csv": corrected})

    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    rec.refresh_from_db()
    assert Recommendation.objects.get().pk == rec.pk
    assert (rec.response, rec.action_category, rec.text) == ("supported", 4, "Ratify  the OP-CAT")
    assert _states(rec) == ["FRA", "SVN"]
    assert list(rec.issues.values_list("slug", flat=True)) == ["torture-and-other-cid-treatment"]


def test_import_upr_info_dry_run_writes_nothing(reference_data):
    report = _import({"1-5.csv": upr_info_csv([row("Ratify the OP-CAT.")])}, dry_run=True)

    assert (report.ok, report.created, Recommendation.objects.count()) == (True, 1, 0)
    assert "Dry run: nothing was written." in report.render()


def test_import_upr_info_same_text_different_responses_stays_two_recommendations(reference_data):
    data = upr_info_csv(
        [
            row("Ratify CEDAW"),
            row("Ratify CEDAW", "Slovenia", response="Noted", state_group="EEG"),
            row("Ratify CEDAW", "Maldives", response="Noted", state_group="Asia"),
        ]
    )

    report = _import({"14-17.csv": data})

    assert report.ok
    assert sorted((r.response, tuple(_states(r))) for r in Recommendation.objects.all()) == [
        ("noted", ("SVN", "MDV")),
        ("supported", ("FRA",)),
    ]
    assert [str(p) for p in report.notices] == [
        "14-17.csv, lines 2, 3, 4: the same text is published as 2 recommendations "
        "(responses noted, supported, paragraphs —, —): kept apart."
    ]


def test_import_upr_info_unknown_state_reported_once_with_every_line(reference_data):
    data = upr_info_csv([row("A."), row("B.", "Atlantis"), row("C."), row("D.", "Atlantis")])

    report = _import({"6-9.csv": data})

    assert [str(p) for p in report.errors] == ["6-9.csv, lines 3, 5: unknown State “Atlantis”."]
    assert Recommendation.objects.count() == 0


def test_import_upr_info_unknown_recommending_state_placeholder_imported_without_state(reference_data):
    report = _import(
        {"1-5.csv": upr_info_csv([row("A.", "&#40;Unknown&#41;", state_group="&#40;Unknown&#41;")])}
    )

    assert report.ok
    assert _states(Recommendation.objects.get()) == []
    assert [str(p) for p in report.warnings] == [
        "1-5.csv, line 2: the recommending State is “(Unknown)” in the source; imported without it."
    ]


def test_import_upr_info_missing_review_and_session_are_errors(reference_data):
    data = upr_info_csv([row("A.", sur="Slovenia", session="5"), row("B.", session="99")])

    report = _import({"1-5.csv": data})

    assert [str(p) for p in report.errors] == [
        "1-5.csv, line 2: there is no Review of Slovenia in session 5.",
        "1-5.csv, line 3: session 99 does not exist.",
    ]
    assert Recommendation.objects.count() == 0


def test_import_upr_info_unknown_response_action_issue_are_errors(reference_data):
    data = upr_info_csv(
        [
            row("A.", response="Maybe"),
            row("B.", action="7"),
            row("C.", issue="Happiness"),
            row("D.", response="Voluntary Pledge"),
        ]
    )

    report = _import({"1-5.csv": data})

    assert [str(p) for p in report.errors] == [
        "1-5.csv, line 2: unknown response “Maybe” (expected Supported, Noted, Accepted or Not supported).",
        "1-5.csv, line 3: unknown action category “7” (expected 1 to 5).",
        "1-5.csv, line 4: unknown issue “Happiness”.",
        "1-5.csv, line 5: “Voluntary Pledge” rows are pledges by the State under Review, "
        "not recommendations.",
    ]


def test_import_upr_info_regional_group_difference_is_a_notice(reference_data):
    report = _import(
        {"1-5.csv": upr_info_csv([row("A.", "France", state_group="Asia"), row("B.", state_group="Asia")])}
    )

    assert report.ok
    assert [str(p) for p in report.notices] == [
        "1-5.csv, lines 2, 3: the file puts France in the regional group Asia; the reference data says WEOG."
    ]


def test_import_upr_info_text_is_stored_as_text(reference_data):
    text = '<script>alert("x")</script> =SUM(A1) {{ settings.SECRET_KEY }}'

    _import({"1-5.csv": upr_info_csv([row(text)], encoding="utf-8", newline="\n")})

    assert Recommendation.objects.get().text == text


def test_import_upr_info_inconsistent_org_memberships_are_a_notice(reference_data):
    first, second = row("A."), row("B.")
    second[6] = "EU, OIF"

    report = _import({"1-5.csv": upr_info_csv([first, second])})

    assert report.ok
    assert [str(p) for p in report.notices] == [
        "1-5.csv, line 3: the file gives France the memberships “EU, OIF” here and “EU” on line 2."
    ]
