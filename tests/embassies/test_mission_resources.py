"""Import and export of Missions and diplomats: natural keys, duplicates by e-mail, formula safety."""

import pytest
import tablib

from embassies.missions.models import Diplomat
from embassies.missions.resources import DiplomatResource, MissionResource

pytestmark = pytest.mark.django_db

HEADERS = ["email", "iso3", "name", "title", "language", "issues", "status"]


def _import(rows, dry_run=False):
    dataset = tablib.Dataset(*rows, headers=HEADERS)
    return DiplomatResource().import_data(dataset, dry_run=dry_run)


def test_diplomat_import_updates_by_email_and_creates_new(missions):
    result = _import(
        [
            [
                "ANA@alpha.example.org",
                "QAL",
                "Ana Pérez-Soto",
                "counsellor",
                "es",
                missions.water.slug,
                "active",
            ],
            ["new@beta.example.org", "qbe", "Nour", "attache", "fr", "", "active"],
        ]
    )

    assert not result.has_errors() and not result.has_validation_errors()
    assert Diplomat.objects.get(email="ana@alpha.example.org").name == "Ana Pérez-Soto"
    assert list(Diplomat.objects.get(email="ana@alpha.example.org").issues.all()) == [missions.water]
    assert Diplomat.objects.get(email="new@beta.example.org").mission == missions.beta


def test_diplomat_import_reports_duplicate_and_unknown_state_per_row(missions):
    result = _import(
        [
            ["x@example.org", "QAL", "X", "counsellor", "en", "", "active"],
            ["X@example.org", "QAL", "X again", "counsellor", "en", "", "active"],
            ["y@example.org", "ZZZ", "Y", "counsellor", "en", "", "active"],
        ],
        dry_run=True,
    )

    errors = {line: [str(e.error) for e in row_errors] for line, row_errors in result.row_errors()}
    invalid = {row.number: row.error_dict for row in result.invalid_rows}
    assert errors == {2: ["The e-mail address x@example.org appears twice in this file."]}
    assert invalid[3] == {"mission": ["No Permanent Mission for the State “ZZZ”."]}
    assert Diplomat.objects.count() == 2


def test_diplomat_export_neutralises_formulas_and_uses_natural_keys(missions):
    missions.ben.name = '=HYPERLINK("http://evil")'
    missions.ben.save()

    dataset = DiplomatResource().export()

    row = dict(
        zip(dataset.headers, dataset[[r[0] for r in dataset].index("ben@alpha.example.org")], strict=True)
    )
    assert row["name"] == '\'=HYPERLINK("http://evil")'
    assert row["iso3"] == "QAL"


def test_mission_export_is_keyed_by_iso3(missions):
    dataset = MissionResource().export()

    assert sorted(r[0] for r in dataset) == ["QAL", "QBE"]
