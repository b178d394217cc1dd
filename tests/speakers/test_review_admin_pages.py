"""Staff pages of a Round's review set-up: reviewer assignments and weighted criteria."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from speakers.models import Application
from speakers.review import views as review_views
from speakers.review.models import Assessment, AssessmentScore, ReviewCriterion, ReviewerAssignment
from speakers.review.presenters import HIDDEN
from speakers.review.services import save_assessment
from tests.factories.presessions import PresessionFactory
from tests.factories.review import ReviewCriterionFactory, ReviewerAssignmentFactory, reviewer_user
from tests.factories.speakers import ApplicationFactory, OrganisationFactory

GET_NAMES = ["assignments", "criteria", "criterion_create", "criterion_edit"]
POST_NAMES = [
    "remove_assignment",
    "criteria_seed",
    "criterion_create",
    "criterion_edit",
    "criterion_move",
    "criterion_delete",
]


def url(name, w, **extra):
    kwargs = {"number": w.round.number}
    if name == "remove_assignment":
        kwargs["pk"] = ReviewerAssignment.objects.filter(reviewer=w.reviewer, application=w.app_a).get().pk
    if name in ("criterion_edit", "criterion_move", "criterion_delete"):
        kwargs["pk"] = w.criteria[0].pk
    kwargs.update(extra)
    return reverse(f"review:{name}", kwargs=kwargs)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def submit_scores(w, reviewer, application, first_value=5):
    first, *rest = w.criteria
    values = {first.pk: first_value} | {criterion.pk: 0 for criterion in rest}
    return save_assessment(reviewer=reviewer, application=application, values=values, submit=True)


# --- permissions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"), [(n, "get") for n in GET_NAMES] + [(n, "post") for n in POST_NAMES]
)
def test_review_admin_pages_anonymous_redirected_to_login(client, review_world, name, method):
    response = getattr(client, method)(url(name, review_world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["applicant_a", "reviewer", "member_reviewer"])
@pytest.mark.parametrize(
    ("name", "method"), [(n, "get") for n in GET_NAMES] + [(n, "post") for n in POST_NAMES]
)
def test_review_admin_pages_refuse_applicants_and_reviewers(client, review_world, name, method, role):
    client.force_login(getattr(review_world, role))
    response = getattr(client, method)(url(name, review_world))
    assert response.status_code == 403
    assert ReviewerAssignment.objects.count() == 6
    assert ReviewCriterion.objects.count() == 4


@pytest.mark.parametrize(
    ("name", "template", "heading"),
    [
        ("assignments", "speakers/reviewerassignment_list.html", "Reviewer assignments"),
        ("criteria", "speakers/reviewcriterion_list.html", "Review criteria"),
        ("criterion_create", "speakers/reviewcriterion_form.html", "Add a criterion"),
        ("criterion_edit", "speakers/reviewcriterion_form.html", "Edit a criterion"),
    ],
)
def test_review_admin_pages_open_to_staff(client, review_world, name, template, heading):
    client.force_login(review_world.staff)

    response = client.get(url(name, review_world))

    assert response.status_code == 200
    assert response.templates[0].name == template
    assert f"{heading} — Pre-sessions {review_world.round.number}</h1>" in response.content.decode()


@pytest.mark.parametrize("name", ["assignments", "criteria"])
def test_review_admin_pages_unknown_round_is_404(client, review_world, name):
    client.force_login(review_world.staff)
    assert client.get(reverse(f"review:{name}", kwargs={"number": 999_999})).status_code == 404


@pytest.mark.parametrize(
    "name", ["remove_assignment", "criterion_edit", "criterion_move", "criterion_delete"]
)
def test_review_admin_objects_of_another_round_are_404(client, review_world, name):
    other_round = PresessionFactory().round
    client.force_login(review_world.staff)
    response = client.post(url(name, review_world, number=other_round.number))
    assert response.status_code == 404
    assert ReviewerAssignment.objects.count() == 6
    assert ReviewCriterion.objects.count() == 4


@pytest.mark.parametrize("name", POST_NAMES)
def test_review_admin_posts_require_csrf(review_world, name, client_class):
    client = client_class(enforce_csrf_checks=True)
    client.force_login(review_world.staff)
    assert client.post(url(name, review_world)).status_code == 403
    assert ReviewerAssignment.objects.count() == 6
    assert ReviewCriterion.objects.count() == 4


@pytest.fixture
def client_class():
    from django.test import Client

    return Client


def test_round_pages_link_to_assignments_and_criteria(client, review_world):
    client.force_login(review_world.staff)
    assignments = url("assignments", review_world)
    criteria = url("criteria", review_world)
    for page in (
        reverse("review:round_review", kwargs={"number": review_world.round.number}),
        reverse("presessions:round_detail", kwargs={"number": review_world.round.number}),
    ):
        content = client.get(page).content.decode()
        assert f'href="{assignments}"' in content
        assert f'href="{criteria}"' in content


# --- assignments page --------------------------------------------------------------------------------


def test_assignments_page_lists_every_assignment_with_its_assessment(client, review_world):
    w = review_world
    assessment = submit_scores(w, w.reviewer, w.app_a)
    client.force_login(w.staff)
    response = client.get(url("assignments", w))
    rows = response.context["rows"]
    assert len(rows) == 6
    assert {(a.reviewer.email, a.application_id) for a, _view in rows} == {
        (reviewer.email, app.pk)
        for reviewer in (w.reviewer, w.conflicted_reviewer, w.member_reviewer)
        for app in (w.app_a, w.app_b)
    }
    submitted = [a for a, _view in rows if a.assessment_submitted_at is not None]
    assert [(a.reviewer, a.application) for a in submitted] == [(w.reviewer, w.app_a)]
    assert submitted[0].assessment_total == assessment.total == Decimal("33.33")
    content = response.content.decode()
    assert "33.33" in content
    assert "Ana Alpha" in content and "Bruno Beta" in content


def test_assignments_page_masks_speakers_at_risk(client, review_world):
    w = review_world
    Application.objects.filter(pk=w.app_a.pk).update(at_risk=True)
    client.force_login(w.staff)
    content = client.get(url("assignments", w)).content.decode()
    assert "Ana Alpha" not in content
    assert "Alpha Rights" not in content
    assert str(HIDDEN) in content
    assert "Bruno Beta" in content


def test_assignments_page_filters_by_presession_and_reviewer(client, review_world):
    w = review_world
    other_app = ApplicationFactory(presession=w.other_presession, status=Application.Status.SUBMITTED)
    ReviewerAssignmentFactory(reviewer=w.reviewer, application=other_app)
    client.force_login(w.staff)
    page = url("assignments", w)
    rows = client.get(page, {"presession": w.other_presession.pk}).context["rows"]
    assert [(a.reviewer, a.application) for a, _view in rows] == [(w.reviewer, other_app)]
    rows = client.get(page, {"reviewer": w.reviewer.pk}).context["rows"]
    assert sorted(a.application_id for a, _view in rows) == sorted([w.app_a.pk, w.app_b.pk, other_app.pk])
    rows = client.get(page, {"reviewer": w.member_reviewer.pk, "presession": w.presession.pk}).context["rows"]
    assert sorted(a.application_id for a, _view in rows) == sorted([w.app_a.pk, w.app_b.pk])
    options = client.get(page).content.decode()
    assert f'<option value="{w.reviewer.pk}">reviewer@example.org</option>' in options
    # An unknown filter value shows the form error and every assignment, not a 500.
    response = client.get(page, {"reviewer": "999999"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 7


def test_assignments_page_is_paginated(client, review_world, monkeypatch):
    monkeypatch.setattr(review_views, "PAGE_SIZE", 4)
    client.force_login(review_world.staff)
    page = url("assignments", review_world)
    first = client.get(page, {"reviewer": "", "presession": ""})
    assert len(first.context["rows"]) == 4
    assert first.context["page"].paginator.num_pages == 2
    assert "?reviewer=&amp;presession=&amp;page=2" in first.content.decode()
    second = client.get(page, {"page": 2})
    assert len(second.context["rows"]) == 2


def test_assignments_page_escapes_names(client, review_world):
    w = review_world
    w.org_b.name = "<script>alert(1)</script>"
    w.org_b.save()
    Application.objects.filter(pk=w.app_b.pk).update(speaker_name="<b>Bold</b>")
    client.force_login(w.staff)
    content = client.get(url("assignments", w)).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "&lt;b&gt;Bold&lt;/b&gt;" in content


@pytest.mark.parametrize("many", [False, True])
def test_assignments_page_query_count_is_constant(client, review_world, django_assert_num_queries, many):
    w = review_world
    ReviewerAssignment.objects.exclude(reviewer=w.reviewer, application=w.app_a).delete()
    if many:
        for presession in (w.presession, w.other_presession):
            for _ in range(4):
                organisation = OrganisationFactory()
                application = ApplicationFactory(
                    presession=presession, organisation=organisation, status=Application.Status.SUBMITTED
                )
                for reviewer in (w.reviewer, reviewer_user()):
                    ReviewerAssignmentFactory(reviewer=reviewer, application=application)
        submit_scores(w, w.reviewer, w.app_a)
    assert ReviewerAssignment.objects.count() == (17 if many else 1)
    client.force_login(w.staff)
    with django_assert_num_queries(9):
        response = client.get(url("assignments", w), {"presession": w.presession.pk})
    assert response.status_code == 200


def test_remove_assignment_without_assessment_deletes_it_with_an_audit_record(client, review_world):
    w = review_world
    assignment = ReviewerAssignment.objects.get(reviewer=w.reviewer, application=w.app_a)
    client.force_login(w.staff)
    response = client.post(
        url("remove_assignment", w), {"query": f"reviewer={w.reviewer.pk}&page=1&evil=http://x"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("assignments", w) + f"?reviewer={w.reviewer.pk}&page=1"
    assert not ReviewerAssignment.objects.filter(pk=assignment.pk).exists()
    assert ReviewerAssignment.objects.count() == 5
    deletion = ReviewerAssignment.history.filter(id=assignment.pk, history_type="-").get()
    assert deletion.history_user == w.staff
    assert messages_of(response) == ["reviewer@example.org no longer reviews this application."]


def test_remove_assignment_with_a_draft_keeps_the_draft(client, review_world):
    w = review_world
    first = w.criteria[0]
    save_assessment(reviewer=w.reviewer, application=w.app_a, values={first.pk: 3}, submit=False)
    client.force_login(w.staff)
    client.post(url("remove_assignment", w))
    assert not ReviewerAssignment.objects.filter(reviewer=w.reviewer, application=w.app_a).exists()
    assert Assessment.objects.filter(reviewer=w.reviewer, application=w.app_a, submitted_at=None).count() == 1


def test_remove_assignment_with_a_submitted_assessment_needs_confirmation(client, review_world):
    w = review_world
    assessment = submit_scores(w, w.reviewer, w.app_a)
    client.force_login(w.staff)
    response = client.post(url("remove_assignment", w))
    assert response.status_code == 302
    assert ReviewerAssignment.objects.filter(reviewer=w.reviewer, application=w.app_a).exists()
    assert messages_of(response) == [
        "This reviewer already submitted an assessment of this application. Confirm to remove the "
        "assignment anyway (the submitted assessment is kept and still counts)."
    ]

    response = client.post(url("remove_assignment", w), {"confirm": "on"})
    assert not ReviewerAssignment.objects.filter(reviewer=w.reviewer, application=w.app_a).exists()
    assessment.refresh_from_db()
    assert assessment.is_submitted
    assert assessment.total == Decimal("33.33")


def test_remove_assignment_twice_is_404(client, review_world):
    client.force_login(review_world.staff)
    target = url("remove_assignment", review_world)
    assert client.post(target).status_code == 302
    assert client.post(target).status_code == 404


def test_remove_assignment_get_asks_for_confirmation_and_deletes_nothing(client, review_world):
    w = review_world
    client.force_login(w.staff)
    response = client.get(url("remove_assignment", w), {"reviewer": w.reviewer.pk, "evil": "http://x"})
    assert response.status_code == 200
    assert ReviewerAssignment.objects.count() == 6
    html = response.content.decode()
    assert "<h1>Remove this assignment?</h1>" in html
    assert f"reviewer@example.org will no longer review application #{w.app_a.pk} (Alpha Rights)." in html
    assert '<button type="submit" class="button-danger">Remove the assignment</button>' in html
    assert f'<input type="hidden" name="query" value="reviewer={w.reviewer.pk}">' in html
    assert 'name="confirm"' not in html
    assert f'href="{url("assignments", w)}?reviewer={w.reviewer.pk}"' in html


def test_remove_assignment_confirmation_of_a_submitted_assessment_confirms_on_post(client, review_world):
    w = review_world
    submit_scores(w, w.reviewer, w.app_a)
    client.force_login(w.staff)
    html = client.get(url("remove_assignment", w)).content.decode()
    assert "already submitted an assessment of this application: it is kept" in html
    assert '<input type="hidden" name="confirm" value="on">' in html
    assert ReviewerAssignment.objects.filter(reviewer=w.reviewer, application=w.app_a).exists()

    response = client.post(url("remove_assignment", w), {"confirm": "on", "query": ""})
    assert response["Location"] == url("assignments", w)
    assert not ReviewerAssignment.objects.filter(reviewer=w.reviewer, application=w.app_a).exists()


def test_assignment_list_links_to_the_confirmation_with_its_filters(client, review_world):
    w = review_world
    client.force_login(w.staff)
    html = client.get(url("assignments", w), {"reviewer": w.reviewer.pk}).content.decode()
    assert 'class="button button-danger button-small"' in html
    assert f'{url("remove_assignment", w)}?reviewer={w.reviewer.pk}"' in html
    assert 'name="confirm"' not in html


# --- criteria page -----------------------------------------------------------------------------------


CRITERION_DATA = {
    "name_en": "Gender balance",
    "name_fr": "Équilibre entre les genres",
    "name_es": "Equilibrio de género",
    "help_text_en": "",
    "help_text_fr": "",
    "help_text_es": "",
    "weight": "1.5",
    "scale_min": "1",
    "scale_max": "4",
}


def test_seed_criteria_button_shown_only_without_criteria(client, review_world):
    w = review_world
    client.force_login(w.staff)
    seed = url("criteria_seed", w)
    assert f'action="{seed}"' not in client.get(url("criteria", w)).content.decode()
    ReviewCriterion.objects.all().delete()
    assert f'action="{seed}"' in client.get(url("criteria", w)).content.decode()
    response = client.post(seed)
    assert response["Location"] == url("criteria", w)
    assert list(ReviewCriterion.objects.values_list("name_en", "order")) == [
        ("Link to the UPR submission", 1),
        ("National perspective", 2),
        ("Thematic value for the panel", 3),
        ("Quality of the application", 4),
    ]
    assert messages_of(response) == ["The default criteria were added."]
    response = client.post(seed)
    assert ReviewCriterion.objects.count() == 4
    assert messages_of(response)[-1] == "This round already has criteria."


def test_add_criterion_appends_it_and_recomputes_totals(client, review_world):
    w = review_world
    assessment = submit_scores(w, w.reviewer, w.app_a)
    client.force_login(w.staff)
    response = client.post(url("criterion_create", w), CRITERION_DATA | {"name_en": "  Gender   balance "})
    assert response.status_code == 302
    assert response["Location"] == url("criteria", w)
    added = ReviewCriterion.objects.get(name_en="Gender balance")
    assert (added.round, added.order, added.weight, added.scale_min, added.scale_max) == (
        w.round,
        5,
        Decimal("1.5"),
        1,
        4,
    )
    assert added.name_fr == "Équilibre entre les genres"
    assessment.refresh_from_db()
    assert assessment.total is None  # no score yet on the new criterion
    assert added.history.get().history_user == w.staff


def test_add_criterion_with_an_empty_scale_is_refused(client, review_world):
    client.force_login(review_world.staff)
    response = client.post(url("criterion_create", review_world), CRITERION_DATA | {"scale_max": "1"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "scale_max": ["The highest score must be above the lowest score."]
    }
    assert ReviewCriterion.objects.count() == 4


def test_edit_criterion_weight_recomputes_totals(client, review_world):
    w = review_world
    assessment = submit_scores(w, w.reviewer, w.app_a)
    first = w.criteria[0]
    client.force_login(w.staff)
    form = client.get(url("criterion_edit", w)).context["form"]
    assert form.initial["name_en"] == "Link to the UPR submission"
    data = CRITERION_DATA | {"name_en": first.name_en, "weight": "4.0", "scale_min": "0", "scale_max": "5"}
    response = client.post(url("criterion_edit", w), data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.weight, first.name_fr) == (Decimal("4.0"), "Équilibre entre les genres")
    assessment.refresh_from_db()
    assert assessment.total == Decimal("50.00")


def test_edit_criterion_scale_that_excludes_given_scores_is_refused(client, review_world):
    w = review_world
    submit_scores(w, w.reviewer, w.app_a, first_value=5)
    client.force_login(w.staff)
    data = CRITERION_DATA | {"name_en": "Renamed", "scale_min": "0", "scale_max": "4"}
    response = client.post(url("criterion_edit", w), data)
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Some reviewers gave scores outside 0–4 on this criterion; keep a wider scale."
    ]
    w.criteria[0].refresh_from_db()
    assert (w.criteria[0].name_en, w.criteria[0].scale_max) == ("Link to the UPR submission", 5)


def test_delete_unused_criterion_recomputes_totals(client, review_world):
    w = review_world
    extra = ReviewCriterionFactory(round=w.round, name_en="Extra")
    first, *rest = w.criteria
    assessment = save_assessment(
        reviewer=w.reviewer,
        application=w.app_a,
        values={first.pk: 5} | {c.pk: 0 for c in rest},
        submit=False,
    )
    assert assessment.total is None  # incomplete: nothing on "Extra"
    client.force_login(w.staff)
    response = client.post(url("criterion_delete", w, pk=extra.pk))
    assert response.status_code == 302
    assert not ReviewCriterion.objects.filter(pk=extra.pk).exists()
    assert messages_of(response) == ["Criterion deleted; the totals were recalculated."]
    assessment.refresh_from_db()
    assert assessment.total == Decimal("33.33")


def test_delete_criterion_get_asks_for_confirmation_and_deletes_nothing(client, review_world):
    w = review_world
    client.force_login(w.staff)
    response = client.get(url("criterion_delete", w))
    assert response.status_code == 200
    assert ReviewCriterion.objects.filter(pk=w.criteria[0].pk).exists()
    html = response.content.decode()
    assert "<h1>Delete this criterion?</h1>" in html
    assert "“Link to the UPR submission” will no longer be scored" in html
    assert '<button type="submit" class="button-danger">Delete the criterion</button>' in html
    assert f'href="{url("criteria", w)}"' in html
    page = client.get(url("criteria", w)).content.decode()
    assert f'<a class="button button-danger button-small" href="{url("criterion_delete", w)}">' in page


def test_delete_used_criterion_is_refused(client, review_world):
    w = review_world
    submit_scores(w, w.reviewer, w.app_a)
    client.force_login(w.staff)
    response = client.post(url("criterion_delete", w))
    assert ReviewCriterion.objects.filter(pk=w.criteria[0].pk).exists()
    assert messages_of(response) == [
        "Reviewers already scored “Link to the UPR submission”: it cannot be deleted. "
        "Change its weight or its names instead."
    ]
    assert AssessmentScore.objects.count() == 4
    page = client.get(url("criteria", w)).content.decode()
    assert page.count("In use: cannot be deleted") == 4


def test_move_criterion_reorders(client, review_world):
    w = review_world
    first, second, third, fourth = w.criteria
    client.force_login(w.staff)
    client.post(url("criterion_move", w, pk=third.pk), {"direction": "up"})
    assert list(ReviewCriterion.objects.order_by("order").values_list("pk", flat=True)) == [
        first.pk,
        third.pk,
        second.pk,
        fourth.pk,
    ]
    client.post(url("criterion_move", w, pk=first.pk), {"direction": "down"})
    client.post(url("criterion_move", w, pk=fourth.pk), {"direction": "down"})  # already last
    assert list(ReviewCriterion.objects.order_by("order").values_list("pk", flat=True)) == [
        third.pk,
        first.pk,
        second.pk,
        fourth.pk,
    ]
    assert list(ReviewCriterion.objects.order_by("order").values_list("order", flat=True)) == [1, 2, 3, 4]


def test_criteria_page_escapes_names(client, review_world):
    w = review_world
    ReviewCriterion.objects.filter(pk=w.criteria[0].pk).update(
        name_en="<script>x()</script>", name_fr="<i>fr</i>"
    )
    client.force_login(w.staff)
    content = client.get(url("criteria", w)).content.decode()
    assert "<script>x()</script>" not in content
    assert "&lt;script&gt;x()&lt;/script&gt;" in content
    assert "&lt;i&gt;fr&lt;/i&gt;" in content


@pytest.mark.parametrize("count", [1, 12])
def test_criteria_page_query_count_is_constant(client, review_world, django_assert_num_queries, count):
    w = review_world
    ReviewCriterion.objects.all().delete()
    ReviewCriterionFactory.create_batch(count, round=w.round)
    client.force_login(w.staff)
    with django_assert_num_queries(5):
        response = client.get(url("criteria", w))
    assert len(response.context["criteria"]) == count
