import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.urls import reverse

from .conftest import PASSWORD

TOTP_SETUP = "/accounts/2fa/totp/activate/"


def _sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/staff/anything/",
        "/review/anything/",
        "/",
        "/dashboard/",
        "/my/profile/",
        "/my/applications/",
        "/my/applications/some-token/",
        "/my/organisations/",
        "/no/such/page/",
    ],
)
@pytest.mark.parametrize("role", ["is_staff", "is_reviewer", "is_superuser"])
def test_mfa_required_redirects_staff_and_reviewers_to_totp_setup(client, make_user, role, path):
    client.force_login(make_user(**{role: True}))

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp") == TOTP_SETUP
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Set up two-factor authentication before you use the staff pages."
    ]


@pytest.mark.django_db
def test_mfa_required_lets_staff_reach_account_pages_and_logout(client, make_user):
    client.force_login(make_user(is_staff=True))

    assert client.get(reverse("account_email")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    assert client.get(reverse("core:healthz")).status_code == 200
    switched = client.post(reverse("core:set_language"), {"language": "fr", "next": TOTP_SETUP})
    assert (switched.status_code, switched["Location"]) == (302, TOTP_SETUP)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_mfa_required_sends_staff_from_the_login_redirect_to_the_set_up(client, make_user):
    user = make_user(is_staff=True)

    response = _sign_in(client, user)
    landing = client.get(response["Location"])

    assert response["Location"] == reverse("core:dashboard")
    assert (landing.status_code, landing["Location"]) == (302, TOTP_SETUP)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/dashboard/", "/my/profile/", "/my/applications/"])
def test_mfa_not_required_for_applicants_anywhere(client, make_user, path):
    client.force_login(make_user(is_applicant=True))

    response = client.get(path)

    assert response.status_code == 200


@pytest.mark.django_db
def test_mfa_not_required_for_applicants(client, make_user):
    client.force_login(make_user(is_applicant=True))
    response = client.get("/review/anything/")
    assert response.status_code == 404  # no such page; the middleware did not step in


@pytest.mark.django_db
def test_mfa_enabled_staff_reach_the_admin(client, make_user, with_totp):
    user = make_user(is_staff=True, is_superuser=True)
    with_totp(user)
    client.force_login(user)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert b"UPR Pre-sessions administration" in response.content


@pytest.mark.django_db
def test_mfa_login_asks_for_the_code_before_signing_staff_in(client, make_user, with_totp, totp_code):
    user = make_user(is_staff=True)
    secret = with_totp(user)

    response = _sign_in(client, user)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_mfa_setup_from_the_redirect_activates_totp_and_recovery_codes(client, make_user, totp_code):
    user = make_user(is_staff=True)
    _sign_in(client, user)
    response = client.get("/admin/", follow=True)
    # allauth asks for the password again before a second factor is added
    reauthenticate_url = f"{reverse('account_reauthenticate')}?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    assert [url for url, _status in response.redirect_chain] == [TOTP_SETUP, reauthenticate_url]
    assert "Set up two-factor authentication before you use the staff pages." in response.content.decode()
    response = client.post(reauthenticate_url, {"password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == TOTP_SETUP
    assert 'src="data:image/svg+xml;base64,' in html  # QR code as an image: no inline script or style
    secret = response.context["form"].secret

    response = client.post(TOTP_SETUP, {"code": totp_code(secret)})

    assert response.status_code == 302
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_admin_login_redirects_to_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/core/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fcore%2F"


@pytest.mark.django_db
def test_admin_login_ignores_unsafe_next(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


@pytest.mark.django_db
def test_admin_login_never_accepts_a_password_post(client, make_user):
    user = make_user(is_staff=True, is_superuser=True)
    response = client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_refuses_signed_in_non_staff(client, make_user):
    client.force_login(make_user(is_applicant=True))
    assert client.get("/admin/login/").status_code == 403


@pytest.mark.django_db
def test_admin_anonymous_index_ends_at_allauth_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    assert response.status_code == 200


@pytest.mark.django_db
def test_mfa_required_htmx_request_redirects_the_whole_page(client, make_user):
    client.force_login(make_user(is_reviewer=True))

    response = client.get("/review/anything/", HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response["HX-Redirect"] == TOTP_SETUP


@pytest.mark.django_db
def test_mfa_required_does_not_block_admin_logout(client, make_user):
    client.force_login(make_user(is_staff=True))
    response = client.post(reverse("admin:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")  # LOGOUT_REDIRECT_URL, not the MFA set-up
    assert "_auth_user_id" not in client.session
