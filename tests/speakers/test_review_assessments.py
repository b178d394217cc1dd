"""Criteria, reviewer assignment, conflicts of interest, assessments and the at-risk mask."""

from decimal import Decimal

import pytest
from django.urls import reverse

from speakers.models import Application
from speakers.review.models import Assessment, ConflictOfInterest, ReviewCriterion, ReviewerAssignment
from speakers.review.presenters import HIDDEN
from speakers.review.selectors import applications_for_reviewer
from speakers.review.services import (
    ReviewError,
    assign_reviewers,
    record_conflict,
    save_assessment,
    seed_default_criteria,
    weighted_total,
)
from tests.factories.review import ReviewCriterionFactory, reviewer_user


def all_fives(criteria):
    return {criterion.pk: 5 for criterion in criteria}


def test_seed_default_criteria_creates_four_weighted_criteria_once(review_world):
    names = list(ReviewCriterion.objects.filter(round=review_world.round).values_list("name_en", "weight"))
    assert names == [
        ("Link to the UPR submission", Decimal("2.0")),
        ("National perspective", Decimal("2.0")),
        ("Thematic value for the panel", Decimal("1.0")),
        ("Quality of the application", Decimal("1.0")),
    ]
    assert seed_default_criteria(review_world.round) == []
    assert ReviewCriterion.objects.filter(round=review_world.round).count() == 4


def test_weighted_total_normalises_each_scale_and_weights(db):
    a = ReviewCriterionFactory.build(pk=1, weight=Decimal("3"), scale_min=0, scale_max=5)
    b = ReviewCriterionFactory.build(pk=2, weight=Decimal("1"), scale_min=1, scale_max=3)
    assert weighted_total([a, b], {1: 5, 2: 1}) == Decimal("75.00")
    assert weighted_total([a, b], {1: 0, 2: 3}) == Decimal("25.00")


def test_save_assessment_submits_with_weighted_total(review_world):
    values = {c.pk: v for c, v in zip(review_world.criteria, [5, 5, 0, 0], strict=True)}
    assessment = save_assessment(
        reviewer=review_world.reviewer,
        application=review_world.app_a,
        values=values,
        comment="Clear link.",
        submit=True,
    )
    assert assessment.total == Decimal("66.67")
    assert assessment.is_submitted
    assert sorted(assessment.scores.values_list("value", flat=True)) == [0, 0, 5, 5]


def test_save_assessment_draft_may_be_incomplete_but_submit_may_not(review_world):
    first = review_world.criteria[0]
    draft = save_assessment(
        reviewer=review_world.reviewer, application=review_world.app_a, values={first.pk: 3}
    )
    assert draft.submitted_at is None
    assert draft.total is None
    with pytest.raises(ReviewError, match="Give a score"):
        save_assessment(
            reviewer=review_world.reviewer, application=review_world.app_a, values={first.pk: 3}, submit=True
        )


def test_save_assessment_refuses_out_of_scale_scores(review_world):
    values = all_fives(review_world.criteria) | {review_world.criteria[0].pk: 6}
    with pytest.raises(ReviewError, match="between 0 and 5"):
        save_assessment(
            reviewer=review_world.reviewer, application=review_world.app_a, values=values, submit=True
        )


@pytest.mark.parametrize("who", ["conflicted_reviewer", "member_reviewer"])
def test_save_assessment_refuses_a_conflicted_reviewer_even_when_assigned(review_world, who):
    with pytest.raises(ReviewError, match="conflict of interest"):
        save_assessment(
            reviewer=getattr(review_world, who),
            application=review_world.app_a,
            values=all_fives(review_world.criteria),
            submit=True,
        )
    assert Assessment.objects.count() == 0


def test_save_assessment_refuses_an_unassigned_reviewer(review_world):
    with pytest.raises(ReviewError, match="not assigned"):
        save_assessment(
            reviewer=reviewer_user(), application=review_world.app_a, values=all_fives(review_world.criteria)
        )


def test_save_assessment_refuses_a_decided_application(review_world):
    Application.objects.filter(pk=review_world.app_a.pk).update(status=Application.Status.REJECTED)
    with pytest.raises(ReviewError, match="no longer under review"):
        save_assessment(
            reviewer=review_world.reviewer,
            application=review_world.app_a,
            values=all_fives(review_world.criteria),
        )


def test_assign_reviewers_skips_conflicts_and_existing(review_world):
    fresh = reviewer_user()
    ConflictOfInterest.objects.create(reviewer=fresh, organisation=review_world.org_b)
    created, skipped = assign_reviewers(
        applications=Application.objects.filter(presession=review_world.presession),
        reviewers=[fresh, review_world.reviewer],
        actor=review_world.staff,
    )
    assert (created, skipped) == (1, 1)
    assert list(
        ReviewerAssignment.objects.filter(reviewer=fresh).values_list("application_id", flat=True)
    ) == [review_world.app_a.pk]


def test_record_conflict_removes_assignment_and_assessment(review_world):
    save_assessment(
        reviewer=review_world.reviewer,
        application=review_world.app_b,
        values=all_fives(review_world.criteria),
        submit=True,
    )
    conflict = record_conflict(
        reviewer=review_world.reviewer,
        organisation=review_world.org_b,
        actor=review_world.staff,
        reason="Former employer",
    )
    assert (conflict.reason, conflict.recorded_by, conflict.declaration) == (
        "Former employer",
        review_world.staff,
        None,
    )
    assert not ReviewerAssignment.objects.filter(
        reviewer=review_world.reviewer, application=review_world.app_b
    ).exists()
    assert not Assessment.objects.filter(
        reviewer=review_world.reviewer, application=review_world.app_b
    ).exists()
    assert [a.pk for a in applications_for_reviewer(review_world.reviewer)] == [review_world.app_a.pk]


def test_coalition_membership_is_a_conflict(review_world):
    review_world.app_b.coalition_members.add(review_world.org_a)
    assert list(applications_for_reviewer(review_world.member_reviewer)) == []


def test_assess_page_masks_the_identity_of_an_at_risk_speaker(client, review_world):
    Application.objects.filter(pk=review_world.app_a.pk).update(
        at_risk=True, speaker_phone="+41 22 000 00 00", speaker_position="Director"
    )
    client.force_login(review_world.reviewer)
    response = client.get(reverse("review:assess", kwargs={"pk": review_world.app_a.pk}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ana Alpha" not in body
    assert "Alpha Rights" not in body
    assert review_world.app_a.speaker_email not in body
    assert "+41 22 000 00 00" not in body
    assert str(HIDDEN) in body
    listing = client.get(reverse("review:my_reviews")).content.decode()
    assert "Alpha Rights" not in listing


def test_assess_page_posts_and_submits_scores(client, review_world):
    client.force_login(review_world.reviewer)
    data = {f"criterion_{c.pk}": "4" for c in review_world.criteria} | {
        "comment": "<b>good</b>",
        "submit": "1",
    }
    response = client.post(reverse("review:assess", kwargs={"pk": review_world.app_a.pk}), data)
    assert response.status_code == 302
    assessment = Assessment.objects.get(reviewer=review_world.reviewer, application=review_world.app_a)
    assert assessment.total == Decimal("80.00")
    assert assessment.comment == "<b>good</b>"


@pytest.mark.parametrize("rows", [1, 50])
def test_my_reviews_query_count_is_constant(client, review_world, django_assert_num_queries, rows):
    from tests.factories.speakers import ApplicationFactory

    reviewer = reviewer_user()
    for _ in range(rows):
        application = ApplicationFactory(presession=review_world.presession, status="submitted")
        ReviewerAssignment.objects.create(reviewer=reviewer, application=application)
    client.force_login(reviewer)
    with django_assert_num_queries(7):
        response = client.get(reverse("review:my_reviews"))
    assert len(response.context["rows"]) == rows


def test_assess_page_shows_answers_to_the_rounds_questions(client, review_world):
    from speakers.models import ApplicationAnswer
    from tests.factories.presessions import CallQuestionFactory

    question = CallQuestionFactory(round=review_world.round, label_en="Why this SuR?")
    ApplicationAnswer.objects.create(application=review_world.app_a, question=question, text="<b>Because</b>")
    client.force_login(review_world.reviewer)
    body = client.get(reverse("review:assess", kwargs={"pk": review_world.app_a.pk})).content.decode()
    assert "Why this SuR?" in body
    assert "&lt;b&gt;Because&lt;/b&gt;" in body
