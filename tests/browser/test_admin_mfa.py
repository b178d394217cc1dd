import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from core.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long enough passphrase 42"


def test_browser_staff_signs_in_with_totp_and_uses_the_admin(live_server, page):
    user = User.objects.create_user(
        "ops@example.org", PASSWORD, full_name="Olu Ops", is_staff=True, is_superuser=True
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    page.goto(live_server + "/admin/core/user/")
    page.wait_for_url("**/accounts/login/?next=*")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password (required)", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    code = format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))
    page.get_by_label("Code").fill(code)
    page.keyboard.press("Enter")

    page.wait_for_url("**/admin/core/user/")
    page.get_by_role("link", name="ops@example.org").click()
    page.wait_for_url("**/admin/core/user/*/change/")
    assert page.locator("#id_full_name").input_value() == "Olu Ops"
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
