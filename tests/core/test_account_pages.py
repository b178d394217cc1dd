"""Every allauth page renders in the site layout with no inline style or script (strict CSP)."""

import re

import pytest
from django.urls import reverse

from .conftest import PASSWORD
from .urlwalk import walk

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
ACCOUNT_PAGES = sorted(
    w.url for w in walk() if w.name and w.name.startswith(("account_", "mfa_")) and "/x" not in w.url
)


def _assert_strict_csp_layout(html, url):
    assert 'class="skip-link" href="#main"' in html, url
    assert "style=" not in html, url
    assert INLINE_SCRIPT.findall(html) == [], url
    assert re.search(r"<h1[^>]*>", html), url


@pytest.fixture
def reauthenticated_client(client, make_user):
    user = make_user(is_applicant=True)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("url", ACCOUNT_PAGES)
def test_account_pages_signed_in_use_layout_without_inline_code(reauthenticated_client, url):
    response = reauthenticated_client.get(url, follow=True)
    assert response.status_code in {200, 404, 405}, url
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        _assert_strict_csp_layout(response.content.decode(), response.redirect_chain or url)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ACCOUNT_PAGES)
def test_account_pages_anonymous_use_layout_without_inline_code(client, url):
    response = client.get(url, follow=True)
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        _assert_strict_csp_layout(response.content.decode(), response.redirect_chain or url)


@pytest.mark.django_db
def test_account_pages_cover_the_main_flows():
    assert {
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/login/code/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/2fa/webauthn/add/",
    } <= set(ACCOUNT_PAGES)


@pytest.mark.django_db
def test_account_email_page_groups_addresses_under_a_legend(reauthenticated_client):
    html = reauthenticated_client.get(reverse("account_email")).content.decode()
    assert "<legend>The following email addresses are associated with your account:</legend>" in html
    assert 'type="radio"' in html
