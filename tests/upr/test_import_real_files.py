"""Invariants of the import of the five real UPR Info files (41,066 rows)."""

import csv
import io
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from upr.importing.keys import normalise_text
from upr.importing.loader import import_recommendations, read_sources
from upr.models import Recommendation, RecommendingState
from upr.names import StateNameResolver

FILES = ["1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv", "17-20.csv"]
UNKNOWN = "&#40;Unknown&#41;"
RESPONSES = {"Accepted": "supported", "Noted": "noted"}


def _file_pairs(folder):
    """``{(sur, session, normalised text, state): (response, action, file, line)}`` read independently."""
    resolver = StateNameResolver()
    pairs, rows = {}, 0
    for name in FILES:
        text = (folder / name).read_bytes().decode("mac_roman").replace("\r", "\n")
        for line, row in enumerate(list(csv.reader(io.StringIO(text)))[1:], start=2):
            rows += 1
            state = None if row[4] == UNKNOWN else resolver.resolve(row[4]).iso3
            key = (resolver.resolve(row[0]).iso3, int(row[10]), normalise_text(row[3]), state)
            pairs.setdefault(key, (RESPONSES[row[7]], int(row[8]), name, line))
    return rows, pairs


@pytest.fixture
def imported(reference_data, shared_data_dir):
    folder = shared_data_dir / "recommendations" / "upr-info"
    report = import_recommendations(read_sources([folder / name for name in FILES]))
    assert report.ok, report.render()
    return folder, report


def _db_pairs():
    pairs = {}
    links = RecommendingState.objects.values_list(
        "recommendation__review__state__iso3",
        "recommendation__review__session__number",
        "recommendation__text",
        "state__iso3",
        "recommendation__response",
        "recommendation__action_category",
    )
    for sur, session, text, state, response, action in links:
        pairs[(sur, session, normalise_text(text), state)] = (response, action)
    for sur, session, text, response, action in Recommendation.objects.filter(state_links=None).values_list(
        "review__state__iso3", "review__session__number", "text", "response", "action_category"
    ):
        pairs[(sur, session, normalise_text(text), None)] = (response, action)
    return pairs


def test_import_real_upr_info_files_nothing_lost_nothing_doubled(imported):
    folder, report = imported
    rows, expected = _file_pairs(folder)

    actual = _db_pairs()

    assert rows == 41066
    assert set(actual) == set(expected)
    assert RecommendingState.objects.count() + Recommendation.objects.filter(state_links=None).count() == len(
        actual
    )
    assert (report.created, report.updated, report.unchanged) == (Recommendation.objects.count(), 0, 0)
    assert {info["encoding"] for info in report.files.values()} == {"Mac Roman"}
    assert sum(info["rows"] for info in report.files.values()) == 41066


def test_import_real_upr_info_response_and_action_counts_match_the_files(imported):
    folder, report = imported
    _rows, expected = _file_pairs(folder)
    actual = _db_pairs()

    assert Counter(r for r, _a, _f, _l in expected.values()) == Counter(r for r, _a in actual.values())
    # Only the rows reported as coded differently from the rest of their recommendation differ.
    differing = sorted((f, line) for key, (_r, a, f, line) in expected.items() if actual[key][1] != a)
    reported = sorted(
        (p.file, line) for p in report.warnings if "action category" in p.message for line in p.lines
    )
    assert differing == reported == [("1-5.csv", 215), ("1-5.csv", 217), ("10-13.csv", 6117)]
    assert report.by_response == Counter(Recommendation.objects.values_list("response", flat=True))


def test_import_real_upr_info_files_again_changes_nothing(imported):
    folder, _report = imported

    with CaptureQueriesContext(connection) as queries:
        report = import_recommendations(read_sources([folder / name for name in FILES]))

    assert [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}] == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, Recommendation.objects.count())
