import io
from collections import Counter

import pytest
from django.core.management import call_command

from upr.models import Cycle, Issue, RegionalGroup, Review, State, StateAlias, WorkingGroupSession
from upr.services import load_reference_data

pytestmark = pytest.mark.django_db

HISTORY_MODELS = [RegionalGroup, State, StateAlias, Cycle, WorkingGroupSession, Review, Issue]

# Scheduled Reviews per session, as shipped (see upr/reference/README.md for why some differ from 14/16).
EXPECTED_REVIEWS = {
    **dict.fromkeys(range(1, 13), 16), 8: 15, 11: 17, 12: 17,
    **dict.fromkeys(range(13, 55), 14), 15: 13, 17: 15, 25: 13, 26: 12,
    39: 13, 40: 12, 42: 13, 50: 13, 51: 13,
}  # fmt: skip


def test_load_reference_data_counts_states(reference_data):
    assert State.objects.filter(status=State.Status.MEMBER).count() == 193
    assert set(State.objects.filter(status=State.Status.OBSERVER).values_list("iso3", flat=True)) == {
        "VAT",
        "PSE",
    }
    assert State.objects.filter(status=State.Status.OBSERVER, regional_group__isnull=False).count() == 0


def test_load_reference_data_counts_regional_groups(reference_data):
    counts = Counter(
        State.objects.filter(status=State.Status.MEMBER).values_list("regional_group__code", flat=True)
    )

    assert counts == {"african": 54, "asia-pacific": 54, "eastern-european": 23, "grulac": 33, "weog": 29}
    weog = set(State.objects.filter(regional_group__code="weog").values_list("iso3", flat=True))
    assert {"ISR", "TUR", "USA"} <= weog
    assert set(
        State.objects.filter(iso3__in=["CYP", "KIR"]).values_list("regional_group__code", flat=True)
    ) == {"asia-pacific"}


def test_load_reference_data_state_names(reference_data):
    turkey = State.objects.get(iso3="TUR")
    bahamas = State.objects.get(iso3="BHS")

    assert (turkey.iso2, turkey.name_en, turkey.name_fr, turkey.name_es) == (
        "TR",
        "Türkiye",
        "Türkiye",
        "Türkiye",
    )
    assert (bahamas.name_en, bahamas.name_fr, bahamas.name_es) == ("Bahamas", "Bahamas", "Bahamas")
    assert State.objects.get(iso3="GBR").name_fr == "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord"
    assert State.objects.get(iso3="VAT").name_es == "Santa Sede"
    assert not State.objects.filter(name_en__contains="(the)").exists()


def test_load_reference_data_counts_cycles_sessions_issues(reference_data):
    assert list(Cycle.objects.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert list(WorkingGroupSession.objects.values_list("number", flat=True)) == list(range(1, 55))
    assert Counter(WorkingGroupSession.objects.values_list("cycle__number", flat=True)) == {
        1: 12,
        2: 14,
        3: 14,
        4: 14,
    }
    assert Issue.objects.count() == 56
    assert set(Issue.objects.filter(source="project").values_list("name_en", flat=True)) == {
        "Business and human rights",
        "Right to life",
    }


def test_load_reference_data_session_dates(reference_data):
    wg41 = WorkingGroupSession.objects.get(number=41)
    wg45 = WorkingGroupSession.objects.get(number=45)

    assert (wg41.year, str(wg41.start_date), str(wg41.end_date)) == (2022, "2022-11-07", "2022-11-18")
    assert (wg45.year, wg45.start_date) == (2024, None)
    assert str(Cycle.objects.get(number=4).start_date) == "2022-11-07"


def test_load_reference_data_review_counts_per_session(reference_data):
    scheduled = Counter(
        Review.objects.filter(status=Review.Status.SCHEDULED).values_list("session__number", flat=True)
    )

    assert scheduled == EXPECTED_REVIEWS
    assert Review.objects.filter(is_derived=True).count() == sum(EXPECTED_REVIEWS[n] for n in range(21, 41))
    assert set(Review.objects.filter(is_derived=True).values_list("session__number", flat=True)) == set(
        range(21, 41)
    )


def test_load_reference_data_postponed_reviews(reference_data):
    postponed = set(
        Review.objects.filter(status=Review.Status.POSTPONED).values_list("session__number", "state__iso3")
    )
    usa = Review.objects.filter(state__iso3="USA").order_by("session__number")

    assert postponed == {(15, "ISR"), (50, "USA")}
    assert [(r.session.number, r.status, r.is_derived) for r in usa] == [
        (9, "scheduled", False),
        (22, "scheduled", True),
        (36, "scheduled", True),
        (50, "postponed", False),
        (53, "scheduled", False),
    ]


def test_load_reference_data_every_member_reviewed_once_per_cycle_from_cycle_2(reference_data):
    for cycle in (2, 3, 4):
        reviewed = Counter(
            Review.objects.filter(session__cycle__number=cycle, status=Review.Status.SCHEDULED).values_list(
                "state__iso3", flat=True
            )
        )
        assert len(reviewed) == 193
        assert set(reviewed.values()) == {1}


def test_load_reference_data_order_where_known(reference_data):
    wg41 = Review.objects.filter(session__number=41).order_by("order")

    assert [review.state.iso3 for review in wg41[:3]] == ["BHR", "ECU", "TUN"]
    assert list(wg41.values_list("order", flat=True)) == list(range(1, 15))
    assert Review.objects.filter(session__number=42, order__isnull=False).count() == 0


def test_load_reference_data_second_run_changes_nothing(reference_data):
    rows = {model: model.objects.count() for model in HISTORY_MODELS}
    history = {model: model.history.count() for model in HISTORY_MODELS}

    results = load_reference_data()

    assert {model: model.objects.count() for model in HISTORY_MODELS} == rows
    assert {model: model.history.count() for model in HISTORY_MODELS} == history
    assert all(counts.created == counts.updated == 0 for counts in results.values())
    assert results[State].unchanged == 195


def test_load_reference_data_first_run_writes_history(reference_data):
    assert State.history.count() == 195
    assert (
        Review.history.filter(history_change_reason="load_reference_data").count() == Review.objects.count()
    )


def test_load_reference_data_restores_a_changed_row_and_keeps_staff_rows(reference_data):
    State.objects.filter(iso3="TUR").update(name_en="Turkey")
    staff_alias = StateAlias.objects.create(name="Türkei", key="turkei", state=State.objects.get(iso3="TUR"))

    results = load_reference_data()

    assert State.objects.get(iso3="TUR").name_en == "Türkiye"
    assert (results[State].updated, results[State].unchanged) == (1, 194)
    assert StateAlias.objects.filter(pk=staff_alias.pk).exists()


def test_load_reference_data_command_prints_counts(db):
    out = io.StringIO()

    call_command("load_reference_data", stdout=out)
    call_command("load_reference_data", stdout=out)

    lines = out.getvalue().splitlines()
    assert "States: 195 created, 0 updated, 0 unchanged" in lines
    assert "States: 0 created, 0 updated, 195 unchanged" in lines
    assert "Reviews: 0 created, 0 updated, 774 unchanged" in lines
    assert lines[-1].endswith("0 rows written.")


def test_load_reference_data_issues_match_upr_info_spelling(reference_data, shared_data_dir):
    from upr.reference import derive

    found = {
        issue.strip()
        for row in derive.read_upr_info(shared_data_dir)
        for issue in row["Issue"].split(",")
        if issue
    }

    assert len(found) == 54
    assert set(Issue.objects.filter(source="upr-info").values_list("name_en", flat=True)) == found
    assert Issue.objects.exclude(name_fr="").exclude(name_es="").count() == 56
