"""WebAuthn (security keys) end to end, with Chromium's virtual authenticator (DevTools protocol)."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from core.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long enough passphrase 42"


@pytest.fixture
def virtual_authenticator(page):
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return session


def _sign_in(page, live_server, email):
    page.goto(live_server + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password (required)", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_browser_webauthn_add_security_key_then_sign_in_with_it(
    live_server, page, virtual_authenticator, settings
):
    # Over plain http (the test server) the origin check must be relaxed; production runs on https.
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    user = User.objects.create_user("sec@example.org", PASSWORD, full_name="Sam Sec", is_staff=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    _sign_in(page, live_server, user.email)
    # Staff set up a second factor before any page: the dashboard sends them to the TOTP set-up (through
    # allauth's re-authentication step).
    page.wait_for_url(lambda url: url.endswith("/accounts/2fa/totp/activate/") or "totp%2Factivate" in url)
    page.goto(live_server + "/accounts/2fa/webauthn/add/")
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.get_by_label("Password (required)", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/webauthn/add/")
    page.get_by_label("Name").fill("My key")
    page.get_by_role("button", name="Add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).count() == 1

    page.goto(live_server + "/admin/")  # a security key satisfies the MFA requirement
    assert page.url == live_server + "/admin/"

    page.context.clear_cookies()
    _sign_in(page, live_server, user.email)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.get_by_role("button", name="Use a security key").click()
    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Sam"
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
