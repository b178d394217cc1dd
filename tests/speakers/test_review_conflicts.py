"""Conflict declarations reveal nothing to the reviewer (issue 12, finding 3).

A reviewer types an organisation's name or acronym. Whether or not it matches, they get the same answer,
see back only what they typed, and their list of applications does not change (an at-risk application
that disappeared would tell them which organisation it is). Staff see the matches and confirm, which
takes the reviewer off the applications; declarations are rate-limited.
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from core.models import OutboundMail
from speakers.models import Application
from speakers.review.models import Assessment, ConflictDeclaration, ConflictOfInterest, ReviewerAssignment
from speakers.review.selectors import applications_for_reviewer
from speakers.review.services import (
    ReviewError,
    confirm_conflict_declaration,
    declare_conflict,
    dismiss_conflict_declaration,
    save_assessment,
)
from tests.factories.review import ReviewerAssignmentFactory, reviewer_user
from tests.factories.speakers import ApplicationFactory, OrganisationFactory

FULL_NAME = "Union pour les Réfugiés et Migrants du Nord"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
TIME = re.compile(r"<time [^>]*>[^<]*</time>")


@pytest.fixture(autouse=True)
def _fresh_rate_limits_in_english():
    """Counters of earlier tests must not count here; messages raised by services are compared in English
    (an earlier test may leave another language active in this thread)."""
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


@pytest.fixture
def at_risk(review_world):
    """An at-risk application of "URMN", assigned to two fresh reviewers who see it masked."""
    organisation = OrganisationFactory(name=FULL_NAME, acronym="URMN")
    application = ApplicationFactory(
        presession=review_world.presession,
        organisation=organisation,
        status=Application.Status.SUBMITTED,
        speaker_name="Nadia Nord",
        at_risk=True,
    )
    reviewers = [reviewer_user(email="rev-one@example.org"), reviewer_user(email="rev-two@example.org")]
    for reviewer in reviewers:
        for app in (application, review_world.app_a, review_world.app_b):
            ReviewerAssignmentFactory(reviewer=reviewer, application=app)
    return organisation, application, reviewers


def declare(client, reviewer, text, reason=""):
    client.force_login(reviewer)
    return client.post(reverse("review:conflicts"), {"organisation": text, "reason": reason}, follow=True)


def listed(client, reviewer):
    client.force_login(reviewer)
    return [row.pk for row in client.get(reverse("review:my_reviews")).context["rows"]]


# --- what the reviewer sees --------------------------------------------------------------------------


def test_conflict_declaration_answers_the_same_whether_or_not_the_text_matches(client, at_risk):
    _organisation, _application, (one, two) = at_risk

    matching = declare(client, one, "URMN")
    other = declare(client, two, "QXYZ")

    def normalised(response, text, email):
        body = TIME.sub("time", CSRF.sub("csrf", response.content.decode()))
        return body.replace(text, "TYPED").replace(email, "EMAIL")

    assert matching.status_code == other.status_code == 200
    assert matching.redirect_chain == other.redirect_chain == [(reverse("review:conflicts"), 302)]
    assert normalised(matching, "URMN", one.email) == normalised(other, "QXYZ", two.email)
    assert "No organisation has this exact name or acronym" not in other.content.decode()


def test_conflict_declaration_never_shows_a_name_the_reviewer_did_not_type(client, at_risk):
    _organisation, _application, (one, _two) = at_risk

    response = declare(client, one, "  urmn ", reason="Former colleague")
    page = client.get(reverse("review:conflicts")).content.decode()

    for body in (response.content.decode(), page):
        assert FULL_NAME not in body
        assert "urmn" in body
        assert "Former colleague" in body
        assert "Your declaration is recorded." in response.content.decode()


@pytest.mark.parametrize("text", ["URMN", FULL_NAME, "QXYZ"])
def test_conflict_declaration_leaves_the_masked_application_listed(client, at_risk, text):
    _organisation, application, (one, _two) = at_risk
    before = listed(client, one)

    declare(client, one, text)

    assert application.pk in before
    assert listed(client, one) == before
    assert client.get(reverse("review:assess", kwargs={"pk": application.pk})).status_code == 200
    assert ReviewerAssignment.objects.filter(reviewer=one, application=application).exists()


def test_conflict_declaration_of_an_unmasked_organisation_changes_nothing_either(client, review_world):
    before = listed(client, review_world.reviewer)

    declare(client, review_world.reviewer, review_world.org_b.acronym)

    assert listed(client, review_world.reviewer) == before == [review_world.app_a.pk, review_world.app_b.pk]


def test_conflict_declarations_are_rate_limited_whatever_the_text(client, at_risk, settings):
    settings.CONFLICT_DECLARATION_LIMIT = (2, 3600)
    _organisation, _application, (one, two) = at_risk
    for reviewer in (one, two):
        assert declare(client, reviewer, "QXYZ").status_code == 200
        assert declare(client, reviewer, "ABCD").status_code == 200

    matching = declare(client, one, "URMN")
    other = declare(client, two, "WXYZ")

    assert matching.status_code == other.status_code == 429
    message = (
        "You have made many declarations in a short time. Try again in an hour, or write to the secretariat."
    )
    assert message in matching.content.decode()
    assert message in other.content.decode()
    assert ConflictDeclaration.objects.filter(reviewer=one).count() == 2
    assert ConflictDeclaration.objects.filter(reviewer=two).count() == 2


def test_conflict_page_refuses_a_non_reviewer_post(client, review_world):
    client.force_login(review_world.applicant_a)

    response = client.post(reverse("review:conflicts"), {"organisation": "Beta Watch"})

    assert response.status_code == 403
    assert not ConflictDeclaration.objects.exists()


# --- what is recorded and who hears about it --------------------------------------------------------


def test_declare_conflict_stores_the_text_and_the_matches_for_staff(at_risk, review_world):
    organisation, _application, (one, _two) = at_risk

    declaration = declare_conflict(reviewer=one, text=" urmn  ", reason=" Board  member ")

    assert (declaration.text, declaration.reason, declaration.status) == ("urmn", "Board member", "pending")
    assert list(declaration.matches.all()) == [organisation]
    assert not ConflictOfInterest.objects.filter(reviewer=one).exists()
    assert declaration.history.get().history_user == one
    mail = OutboundMail.objects.get(recipient=review_world.staff.email)
    assert mail.subject == "A reviewer declared a conflict of interest"
    assert "rev-one@example.org declared a conflict of interest" in mail.text_body
    assert "“urmn”" in mail.text_body
    assert FULL_NAME not in mail.text_body
    assert f"/staff/conflicts/{declaration.pk}/" in mail.text_body


def test_declare_conflict_without_a_match_stores_no_organisation(review_world):
    declaration = declare_conflict(reviewer=review_world.reviewer, text="Nobody Org")

    assert declaration.status == ConflictDeclaration.Status.PENDING
    assert list(declaration.matches.all()) == []


def test_confirm_declaration_removes_assignments_and_assessments(review_world):
    save_assessment(
        reviewer=review_world.reviewer,
        application=review_world.app_b,
        values={criterion.pk: 5 for criterion in review_world.criteria},
        submit=True,
    )
    declaration = declare_conflict(
        reviewer=review_world.reviewer, text="Beta Watch", reason="Former employer"
    )

    confirm_conflict_declaration(declaration, organisations=[review_world.org_b], actor=review_world.staff)

    declaration.refresh_from_db()
    assert (declaration.status, declaration.decided_by) == ("confirmed", review_world.staff)
    conflict = ConflictOfInterest.objects.get(reviewer=review_world.reviewer)
    assert (conflict.organisation, conflict.declaration, conflict.recorded_by, conflict.reason) == (
        review_world.org_b,
        declaration,
        review_world.staff,
        "Former employer",
    )
    assert not ReviewerAssignment.objects.filter(
        reviewer=review_world.reviewer, application=review_world.app_b
    )
    assert not Assessment.objects.filter(reviewer=review_world.reviewer, application=review_world.app_b)
    assert [a.pk for a in applications_for_reviewer(review_world.reviewer)] == [review_world.app_a.pk]


def test_confirm_declaration_only_for_its_matches_and_only_once(review_world):
    declaration = declare_conflict(reviewer=review_world.reviewer, text="Beta Watch")

    with pytest.raises(ReviewError, match="Choose at least one organisation"):
        confirm_conflict_declaration(
            declaration, organisations=[review_world.org_a], actor=review_world.staff
        )
    dismiss_conflict_declaration(declaration, actor=review_world.staff)
    with pytest.raises(ReviewError, match="already been decided"):
        confirm_conflict_declaration(
            declaration, organisations=[review_world.org_b], actor=review_world.staff
        )

    assert not ConflictOfInterest.objects.filter(reviewer=review_world.reviewer).exists()
    assert len(applications_for_reviewer(review_world.reviewer)) == 2


# --- the staff pages --------------------------------------------------------------------------------


def test_staff_declarations_page_shows_the_typed_text_and_the_match(client, at_risk, review_world):
    _organisation, _application, (one, two) = at_risk
    declare_conflict(reviewer=one, text="URMN", reason="Cousin")
    declare_conflict(reviewer=two, text="QXYZ")
    client.force_login(review_world.staff)

    response = client.get(reverse("review:declarations"))

    body = response.content.decode()
    assert response.status_code == 200
    assert [(d.reviewer.email, d.text) for d in response.context["page"].object_list] == [
        ("rev-two@example.org", "QXYZ"),
        ("rev-one@example.org", "URMN"),
    ]
    assert f"{FULL_NAME} (URMN)" in body
    assert "Cousin" in body


def test_staff_confirming_on_the_page_takes_the_reviewer_off_the_masked_application(
    client, at_risk, review_world
):
    organisation, application, (one, _two) = at_risk
    declaration = declare_conflict(reviewer=one, text="URMN")
    client.force_login(review_world.staff)
    url = reverse("review:declaration_decide", kwargs={"pk": declaration.pk})

    page = client.get(url)
    response = client.post(url, {"action": "confirm", "organisations": [organisation.pk]})

    assert page.status_code == 200
    assert [a.application_id for a in page.context["affected"]] == [application.pk]
    assert response.status_code == 302
    assert response["Location"] == reverse("review:declarations")
    assert not ReviewerAssignment.objects.filter(reviewer=one, application=application).exists()
    assert application.pk not in listed(client, one)


def test_staff_dismissing_on_the_page_changes_no_assignment(client, at_risk, review_world):
    _organisation, application, (one, _two) = at_risk
    declaration = declare_conflict(reviewer=one, text="URMN")
    client.force_login(review_world.staff)

    response = client.post(
        reverse("review:declaration_decide", kwargs={"pk": declaration.pk}), {"action": "dismiss"}
    )

    declaration.refresh_from_db()
    assert response.status_code == 302
    assert declaration.status == ConflictDeclaration.Status.DISMISSED
    assert ReviewerAssignment.objects.filter(reviewer=one, application=application).exists()


def test_staff_confirming_nothing_is_an_error_on_the_page(client, review_world):
    declaration = declare_conflict(reviewer=review_world.reviewer, text="Nobody Org")
    client.force_login(review_world.staff)

    response = client.post(
        reverse("review:declaration_decide", kwargs={"pk": declaration.pk}), {"action": "confirm"}
    )

    assert response.status_code == 400
    assert "Choose at least one organisation to confirm the conflict with." in response.content.decode()
    assert "No organisation has exactly this name or acronym." in response.content.decode()


def test_round_review_page_counts_the_waiting_declarations(client, review_world):
    declare_conflict(reviewer=review_world.reviewer, text="Beta Watch")
    declare_conflict(reviewer=review_world.reviewer, text="Nobody Org")
    client.force_login(review_world.staff)

    response = client.get(reverse("review:round_review", kwargs={"number": review_world.round.number}))

    assert "2 conflict declarations wait for your decision." in response.content.decode()


@pytest.mark.parametrize("role", ["reviewer", "conflicted_reviewer", "applicant_a"])
def test_staff_declaration_pages_refuse_everyone_but_staff(client, review_world, role):
    declaration = declare_conflict(reviewer=review_world.reviewer, text="Beta Watch")
    client.force_login(getattr(review_world, role))
    decide = reverse("review:declaration_decide", kwargs={"pk": declaration.pk})

    assert client.get(reverse("review:declarations")).status_code == 403
    assert client.get(decide).status_code == 403
    assert (
        client.post(decide, {"action": "confirm", "organisations": [review_world.org_b.pk]}).status_code
        == 403
    )
    declaration.refresh_from_db()
    assert declaration.status == ConflictDeclaration.Status.PENDING


@pytest.mark.parametrize("rows", [1, 30])
def test_staff_declarations_page_query_count_is_constant(
    client, review_world, django_assert_num_queries, settings, rows
):
    settings.CONFLICT_DECLARATION_LIMIT = (100, 3600)
    for index in range(rows):
        declare_conflict(reviewer=review_world.reviewer, text="Beta Watch" if index % 2 else "Nobody Org")
    client.force_login(review_world.staff)

    with django_assert_num_queries(6):
        response = client.get(reverse("review:declarations"))

    assert len(response.context["page"].object_list) == rows
