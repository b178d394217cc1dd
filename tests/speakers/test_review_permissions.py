"""Every URL of review and selection, across roles, including guessed ids."""

import pytest
from django.urls import reverse

from tests.factories.core import UserFactory

STAFF_GET = ["round_review", "dashboard", "export", "board", "confirm_decisions"]
STAFF_POST = ["criteria_seed", "assign_reviewers", "record_decision", "extend_deadline"]


def staff_url(name, w):
    if name in ("round_review", "criteria_seed", "assign_reviewers"):
        return reverse(f"review:{name}", kwargs={"number": w.round.number})
    if name == "dashboard":
        return reverse("selection:dashboard", kwargs={"number": w.round.number})
    if name == "export":
        return reverse(
            "selection:export", kwargs={"number": w.round.number, "kind": "applications", "fmt": "csv"}
        )
    if name == "record_decision":
        return reverse(
            "selection:record_decision", kwargs={"pk": w.presession.pk, "application_pk": w.app_a.pk}
        )
    return reverse(f"selection:{name}", kwargs={"pk": w.presession.pk})


def user_for(role, w):
    return {
        "applicant_a": w.applicant_a,
        "applicant_b": w.applicant_b,
        "reviewer": w.reviewer,
        "conflicted_reviewer": w.conflicted_reviewer,
        "member_reviewer": w.member_reviewer,
        "staff": w.staff,
    }[role]


NON_STAFF = ["applicant_a", "applicant_b", "reviewer", "conflicted_reviewer", "member_reviewer"]


@pytest.mark.parametrize("name", STAFF_GET + STAFF_POST)
def test_staff_urls_anonymous_redirected_to_login(client, review_world, name):
    url = staff_url(name, review_world)
    response = client.post(url) if name in STAFF_POST else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", NON_STAFF)
@pytest.mark.parametrize("name", STAFF_GET + STAFF_POST)
def test_staff_urls_refuse_every_other_role(client, review_world, name, role):
    client.force_login(user_for(role, review_world))
    url = staff_url(name, review_world)
    response = client.post(url) if name in STAFF_POST else client.get(url)
    assert response.status_code == 403


STAFF_PAGES = {
    "round_review": ("speakers/round_review.html", "Review and selection — Pre-sessions {number}</h1>"),
    "dashboard": ("speakers/round_dashboard.html", "Dashboard — Pre-sessions {number}</h1>"),
    "board": ("speakers/presession_board.html", "Selection board — {state}</h1>"),
    "confirm_decisions": ("speakers/decision_confirm.html", "Apply the decisions — {state}</h1>"),
}


@pytest.mark.parametrize("name", sorted(STAFF_PAGES))
def test_staff_urls_open_to_staff(client, review_world, name):
    client.force_login(review_world.staff)

    response = client.get(staff_url(name, review_world))

    template, heading = STAFF_PAGES[name]
    state = review_world.app_a.presession.review.state.name
    assert response.status_code == 200
    assert response.templates[0].name == template
    assert heading.format(number=review_world.round.number, state=state) in response.content.decode()


def test_staff_export_opens_to_staff_as_a_csv_download(client, review_world):
    client.force_login(review_world.staff)

    response = client.get(staff_url("export", review_world))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="presessions-{review_world.round.number}-applications.csv"'
    )


def test_staff_urls_without_mfa_send_staff_to_mfa_setup(client, review_world):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(staff_url("board", review_world))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("name", ["board", "confirm_decisions", "extend_deadline"])
def test_staff_urls_guessed_presession_id_is_404(client, review_world, name):
    client.force_login(review_world.staff)
    url = reverse(f"selection:{name}", kwargs={"pk": 999_999})
    response = client.post(url) if name == "extend_deadline" else client.get(url)
    assert response.status_code == 404


def test_record_decision_for_an_application_of_another_panel_is_404(client, review_world):
    client.force_login(review_world.staff)
    url = reverse(
        "selection:record_decision",
        kwargs={"pk": review_world.other_presession.pk, "application_pk": review_world.app_a.pk},
    )
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("kind,fmt", [("secrets", "csv"), ("applications", "pdf")])
def test_export_unknown_kind_or_format_is_404(client, review_world, kind, fmt):
    client.force_login(review_world.staff)
    assert (
        client.get(
            reverse(
                "selection:export", kwargs={"number": review_world.round.number, "kind": kind, "fmt": fmt}
            )
        ).status_code
        == 404
    )


# --- reviewer pages ---------------------------------------------------------------------------------

REVIEW_NAMES = ["my_reviews", "assess", "conflicts"]


def review_url(name, application=None):
    if name == "assess":
        return reverse("review:assess", kwargs={"pk": application.pk})
    return reverse(f"review:{name}")


@pytest.mark.parametrize("name", REVIEW_NAMES)
def test_review_urls_anonymous_redirected_to_login(client, review_world, name):
    response = client.get(review_url(name, review_world.app_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["applicant_a", "applicant_b", "staff"])
@pytest.mark.parametrize("name", REVIEW_NAMES)
def test_review_urls_refuse_non_reviewers(client, review_world, name, role):
    client.force_login(user_for(role, review_world))
    assert client.get(review_url(name, review_world.app_b)).status_code == 403


REVIEW_PAGES = {
    "my_reviews": ("speakers/assessment_list.html", "My reviews</h1>"),
    "assess": ("speakers/assessment_form.html", "Application for the Pre-session on {state}</h1>"),
    "conflicts": ("speakers/conflictofinterest_list.html", "Conflicts of interest</h1>"),
}


@pytest.mark.parametrize("name", REVIEW_NAMES)
def test_review_urls_open_to_reviewer(client, review_world, name):
    client.force_login(review_world.reviewer)

    response = client.get(review_url(name, review_world.app_a))

    template, heading = REVIEW_PAGES[name]
    state = review_world.app_a.presession.review.state.name
    assert response.status_code == 200
    assert response.templates[0].name == template
    assert heading.format(state=state) in response.content.decode()


@pytest.mark.parametrize("role", ["conflicted_reviewer", "member_reviewer"])
def test_reviewer_with_conflict_never_sees_the_application(client, review_world, role):
    client.force_login(user_for(role, review_world))
    listing = client.get(reverse("review:my_reviews"))
    assert listing.status_code == 200
    assert [row.pk for row in listing.context["rows"]] == [review_world.app_b.pk]
    assert b"Alpha Rights" not in listing.content
    assert client.get(review_url("assess", review_world.app_a)).status_code == 404
    assert client.post(review_url("assess", review_world.app_a), {"submit": "1"}).status_code == 404
    assert client.get(review_url("assess", review_world.app_b)).status_code == 200


def test_reviewer_guessing_an_unassigned_or_missing_id_gets_404(client, review_world):
    from tests.factories.speakers import ApplicationFactory

    stranger = ApplicationFactory(presession=review_world.presession, status="submitted")
    client.force_login(review_world.reviewer)
    assert client.get(review_url("assess", stranger)).status_code == 404
    assert client.get(reverse("review:assess", kwargs={"pk": 999_999})).status_code == 404


# --- confirmation page ------------------------------------------------------------------------------


def test_respond_anonymous_redirected_to_login(client, review_world):
    response = client.get(reverse("selection:respond", kwargs={"token": review_world.app_a.token}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "role,status",
    [
        ("applicant_a", 200),
        ("applicant_b", 403),
        ("reviewer", 403),
        ("conflicted_reviewer", 403),
        ("staff", 403),
    ],
)
def test_respond_only_for_the_organisation(client, review_world, role, status):
    client.force_login(user_for(role, review_world))
    url = reverse("selection:respond", kwargs={"token": review_world.app_a.token})
    assert client.get(url).status_code == status
    # The organisation's answer is processed (then redirected); everyone else is refused.
    assert client.post(url, {"answer": "decline"}).status_code == (302 if status == 200 else status)
    review_world.app_a.refresh_from_db()
    assert review_world.app_a.status == "submitted"


def test_respond_guessed_token_is_404(client, review_world):
    client.force_login(review_world.applicant_a)
    assert client.get(reverse("selection:respond", kwargs={"token": "not-a-token"})).status_code == 404


def test_reviewer_without_mfa_is_sent_to_mfa_setup(client, review_world):
    client.force_login(UserFactory(is_reviewer=True))
    response = client.get(reverse("review:my_reviews"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("panels", [1, 14])
def test_round_review_page_query_count_is_constant(client, review_world, django_assert_num_queries, panels):
    from tests.factories.presessions import PresessionFactory

    for _ in range(panels):
        PresessionFactory(round=review_world.round)
    client.force_login(review_world.staff)
    with django_assert_num_queries(9):
        client.get(reverse("review:round_review", kwargs={"number": review_world.round.number}))
