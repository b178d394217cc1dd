"""The selection board: content, indicators, pending decisions (with and without htmx), query counts."""

import pytest
from django.urls import reverse

from speakers.models import Application, Organisation
from speakers.selection.services import decision_version
from tests.factories.presessions import IssueFactory
from tests.factories.review import AssessmentFactory, reviewer_user
from tests.factories.speakers import ApplicationFactory, OrganisationFactory


def board_url(w):
    return reverse("selection:board", kwargs={"pk": w.presession.pk})


def decision_url(w, application):
    return reverse(
        "selection:record_decision", kwargs={"pk": w.presession.pk, "application_pk": application.pk}
    )


def decide(client, w, application, decision, version=None, **headers):
    application.refresh_from_db()
    prefix = f"a{application.pk}"
    data = {f"{prefix}-decision": decision, f"{prefix}-version": version or decision_version(application)}
    return client.post(decision_url(w, application), data, **headers)


def test_board_lists_applications_best_score_first_with_reviews(client, review_world):
    AssessmentFactory(reviewer=reviewer_user(), application=review_world.app_b, total=90)
    AssessmentFactory(reviewer=reviewer_user(), application=review_world.app_b, total=70)
    AssessmentFactory(reviewer=reviewer_user(), application=review_world.app_a, total=50)
    AssessmentFactory(reviewer=reviewer_user(), application=review_world.app_a, total=99, submitted_at=None)
    client.force_login(review_world.staff)
    response = client.get(board_url(review_world))
    rows = response.context["rows"]
    assert [(r.pk, float(r.average_score), r.review_count) for r in rows] == [
        (review_world.app_b.pk, 80.0, 2),
        (review_world.app_a.pk, 50.0, 1),
    ]
    body = response.content.decode()
    assert "Women&#x27;s rights" in body
    assert "International NGO" in body


def test_board_indicators_balance_and_viability(client, review_world):
    nhri = OrganisationFactory(kind=Organisation.Kind.NHRI)
    shared = IssueFactory(name_en="Torture")
    third = ApplicationFactory(
        presession=review_world.presession, organisation=nhri, status="submitted", issues=[shared]
    )
    Application.objects.filter(pk__in=[review_world.app_a.pk, review_world.app_b.pk, third.pk]).update(
        pending_decision="selected"
    )
    review_world.app_b.issues.add(shared)
    client.force_login(review_world.staff)
    indicators = client.get(board_url(review_world)).context["indicators"]
    assert indicators.selected_count == 3
    assert indicators.viable_count == 3
    assert not indicators.below_minimum
    assert [issue.name_en for issue in indicators.overlapping_themes] == ["Torture"]
    assert indicators.women_percent == 67
    assert indicators.national_percent == 67
    assert indicators.nhri_present is True


def test_board_flags_a_panel_below_the_minimum_and_offers_an_extension(client, review_world):
    client.force_login(review_world.staff)
    response = client.get(board_url(review_world))
    assert response.context["indicators"].below_minimum is True
    assert "below the minimum" in response.content.decode()
    extend = client.post(
        reverse("selection:extend_deadline", kwargs={"pk": review_world.presession.pk}),
        {"closes_at": "2031-03-31T12:00", "reason": "Few applicants"},
    )
    assert extend.status_code == 302
    extension = review_world.round.extensions.get(review=review_world.presession.review)
    assert extension.closes_at.isoformat() == "2031-03-31T10:00:00+00:00"  # 12:00 CEST (DST began 30 March)
    assert extension.created_by == review_world.staff


def test_record_decision_without_javascript_redirects_to_the_board(client, review_world):
    client.force_login(review_world.staff)
    response = decide(client, review_world, review_world.app_a, "selected")
    assert response.status_code == 302
    assert response["Location"] == board_url(review_world)
    review_world.app_a.refresh_from_db()
    assert (
        review_world.app_a.status,
        review_world.app_a.pending_decision,
        review_world.app_a.pending_decision_by,
    ) == (
        "submitted",
        "selected",
        review_world.staff,
    )


def test_record_decision_with_htmx_returns_the_row_and_indicators(client, review_world):
    client.force_login(review_world.staff)
    response = decide(client, review_world, review_world.app_a, "reserve", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count(f'id="application-{review_world.app_a.pk}"') == 1
    assert 'id="indicators" class="indicators" aria-labelledby="indicators-title" hx-swap-oob="true"' in body
    assert "pending: Reserve" in body


def test_record_decision_with_a_stale_version_is_refused_with_a_message(client, review_world):
    client.force_login(review_world.staff)
    seen = decision_version(review_world.app_a)
    assert decide(client, review_world, review_world.app_a, "selected", version=seen).status_code == 302
    response = decide(
        client, review_world, review_world.app_a, "rejected", version=seen, HTTP_HX_REQUEST="true"
    )
    assert "Someone else changed this application meanwhile (now: Selected)" in response.content.decode()
    review_world.app_a.refresh_from_db()
    assert review_world.app_a.pending_decision == "selected"


def test_record_decision_clearing_it(client, review_world):
    client.force_login(review_world.staff)
    decide(client, review_world, review_world.app_a, "selected")
    decide(client, review_world, review_world.app_a, "")
    review_world.app_a.refresh_from_db()
    assert (review_world.app_a.pending_decision, review_world.app_a.pending_decision_at) == ("", None)


def test_board_escapes_user_text(client, review_world):
    Organisation.objects.filter(pk=review_world.org_a.pk).update(name="<script>alert(1)</script>")
    client.force_login(review_world.staff)
    body = client.get(board_url(review_world)).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.parametrize("rows", [1, 50])
def test_board_query_count_is_constant(client, review_world, django_assert_num_queries, rows):
    Application.objects.filter(presession=review_world.presession).delete()
    for index in range(rows):
        application = ApplicationFactory(presession=review_world.presession, status="submitted")
        AssessmentFactory(reviewer=review_world.reviewer, application=application, total=index)
    client.force_login(review_world.staff)
    with django_assert_num_queries(BOARD_QUERIES):
        response = client.get(board_url(review_world))
    assert len(response.context["rows"]) == rows


BOARD_QUERIES = 6
