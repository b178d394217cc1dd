"""Every applicant URL across roles: no one reads or changes what is not theirs, guessed tokens included."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "applicant_a", "applicant_b", "reviewer", "staff"]


def _user(world, role):
    return None if role == "anonymous" else getattr(world, role)


def _status(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


# (url name, kwargs builder, method, expected per role). /my/ pages show only the user's own
# organisations' applications, whoever the user is: staff follow applications on the staff pages.
CASES = [
    (
        "applications:application_detail",
        lambda w: {"token": w.application_a.token},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 404, "reviewer": 404, "staff": 404},
    ),
    (
        "applications:application_edit",
        lambda w: {"token": w.draft_a.token},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 404, "reviewer": 404, "staff": 404},
    ),
    (
        "applications:application_edit",
        lambda w: {"token": w.application_a.token},
        "get",
        {"anonymous": "login", "applicant_a": 403, "applicant_b": 404, "reviewer": 404, "staff": 404},
    ),
    (
        "applications:application_submit",
        lambda w: {"token": w.application_b.token},
        "post",
        {"anonymous": "login", "applicant_a": 404, "applicant_b": 302, "reviewer": 404, "staff": 404},
    ),
    (
        "applications:application_withdraw",
        lambda w: {"token": w.application_a.token},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 404, "reviewer": 404, "staff": 404},
    ),
    (
        "applications:application_file",
        lambda w: {"token": w.application_a.token},
        "get",
        {"anonymous": "login", "applicant_a": 404, "applicant_b": 404, "reviewer": 404, "staff": 404},
    ),
    (
        "applications:answer_file",
        lambda w: {"token": w.application_a.token, "question_pk": 1},
        "get",
        {"anonymous": "login", "applicant_a": 404, "applicant_b": 404, "reviewer": 404, "staff": 404},
    ),
    (
        "applications:application_detail",
        lambda w: {"token": "guessed-token-123"},
        "get",
        {"anonymous": "login", "applicant_a": 404, "applicant_b": 404, "reviewer": 404, "staff": 404},
    ),
    (
        "applications:application_list",
        lambda w: {},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 200, "reviewer": 200, "staff": 200},
    ),
    (
        "applications:application_start",
        lambda w: {"presession_token": w.other_presession.token},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 200, "reviewer": 302, "staff": 302},
    ),
    (
        "organisations:organisation_list",
        lambda w: {},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 200, "reviewer": 200, "staff": 200},
    ),
    (
        "organisations:organisation_create",
        lambda w: {},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 200, "reviewer": 200, "staff": 200},
    ),
    (
        "organisations:organisation_edit",
        lambda w: {"pk": w.org_a.pk},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 403, "reviewer": 403, "staff": 403},
    ),
    (
        "organisations:organisation_invite",
        lambda w: {"pk": w.org_a.pk},
        "post",
        {"anonymous": "login", "applicant_a": 302, "applicant_b": 403, "reviewer": 403, "staff": 403},
    ),
    (
        "organisations:organisation_renew_token",
        lambda w: {"pk": w.org_a.pk},
        "post",
        {"anonymous": "login", "applicant_a": 302, "applicant_b": 403, "reviewer": 403, "staff": 403},
    ),
    (
        "organisations:organisation_members",
        lambda w: {"pk": w.org_a.pk},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 403, "reviewer": 403, "staff": 403},
    ),
    (
        "organisations:organisation_member_role",
        lambda w: {"pk": w.org_a.pk, "membership_pk": w.org_a.memberships.get().pk},
        "post",
        {"anonymous": "login", "applicant_a": 302, "applicant_b": 403, "reviewer": 403, "staff": 403},
    ),
    (
        "organisations:organisation_member_remove",
        lambda w: {"pk": w.org_a.pk, "membership_pk": w.org_a.memberships.get().pk},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 403, "reviewer": 403, "staff": 403},
    ),
    (
        "organisations:organisation_member_remove",
        lambda w: {"pk": w.org_b.pk, "membership_pk": w.org_a.memberships.get().pk},
        "post",
        {"anonymous": "login", "applicant_a": 403, "applicant_b": 404, "reviewer": 403, "staff": 403},
    ),
    (
        "organisations:organisation_leave",
        lambda w: {"pk": w.org_a.pk},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 403, "reviewer": 403, "staff": 403},
    ),
    (
        "organisations:organisation_join",
        lambda w: {},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 200, "reviewer": 200, "staff": 200},
    ),
    (
        "organisations:organisation_join_token",
        lambda w: {"token": "x"},
        "get",
        {"anonymous": "login", "applicant_a": 200, "applicant_b": 200, "reviewer": 200, "staff": 200},
    ),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "method", "expected"),
    CASES,
    ids=[f"{c[0].split(':')[1]}-{i}" for i, c in enumerate(CASES)],
)
def test_applicant_urls_refuse_who_has_no_right(world, name, kwargs, method, expected):
    url = reverse(name, kwargs=kwargs(world))
    seen = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(_user(world, role))
        response = getattr(client, method)(url, {"email": "x@example.org"} if method == "post" else None)
        seen[role] = _status(response)

    assert seen == expected


def test_applicant_without_verified_email_is_refused(world, client):
    world.applicant_a.emailaddress_set.update(verified=False)
    client.force_login(world.applicant_a)

    response = client.get(
        reverse("applications:application_detail", kwargs={"token": world.application_a.token})
    )

    assert response.status_code == 403


def test_submission_file_of_other_organisation_is_not_served(world, login, settings, tmp_path):
    from django.core.files.base import ContentFile

    world.application_a.submission_file.save("s.pdf", ContentFile(b"%PDF-1.4 secret"), save=True)
    url = reverse("applications:application_file", kwargs={"token": world.application_a.token})

    assert login(world.applicant_b).get(url).status_code == 404
    response = login(world.applicant_a).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret"
