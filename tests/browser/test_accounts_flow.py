import pytest
from allauth.account.models import EmailAddress

from core.models import User

from .conftest import axe_violations, link_path, run_axe, wait_for_mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long enough passphrase 42"
SIGNED_IN_PAGES = (
    "/dashboard/",
    "/my/profile/",
    "/accounts/email/",
    "/accounts/2fa/",
    "/accounts/password/change/",
)


def _csp_errors(page):
    return [e for e in page.console_errors if "Content Security Policy" in e or "Refused to" in e]


def test_browser_sign_up_confirm_and_sign_in(live_server, page):
    page.goto(live_server + "/accounts/signup/")
    page.get_by_label("Full name").fill("Amina Diallo")
    page.get_by_label("Email").fill("amina@example.org")
    page.get_by_label("Preferred language").select_option("en")
    page.get_by_label("Password (required)", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again) (required)").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/accounts/confirm-email/")

    message = wait_for_mail("amina@example.org")
    page.goto(live_server + link_path(message.body, "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/dashboard/")  # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION signs the user in

    user = User.objects.get(email="amina@example.org")
    assert (user.full_name, user.is_applicant) == ("Amina Diallo", True)
    assert EmailAddress.objects.get(user=user).verified is True

    page.get_by_role("button", name="Sign out").click()
    page.goto(live_server + "/accounts/login/")
    page.get_by_label("Email").fill("amina@example.org")
    page.get_by_label("Password (required)", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Amina"
    assert _csp_errors(page) == [], page.console_errors


def test_browser_keyboard_reaches_skip_link_and_main_menu(live_server, page):
    user = User.objects.create_user("kim@example.org", PASSWORD, full_name="Kim Lee", is_applicant=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    page.goto(live_server + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password (required)", exact=True).fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.goto(live_server + "/dashboard/")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.main-nav')"):
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Dashboard"
    page.keyboard.press("Tab")  # next menu item: an applicant's applications
    focused = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/applications/")
    assert focused == "My applications"


def test_browser_language_switch_without_javascript(live_server, chromium):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/accounts/login/")
        page.get_by_role("button", name="Français").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.url == live_server + "/accounts/login/"
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/"])
def test_browser_fits_a_360px_phone(live_server, chromium, path):
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(live_server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_browser_axe_finds_no_serious_violations(live_server, chromium, path):
    assert run_axe(chromium, live_server + path) == []


def test_browser_axe_signed_in_pages_have_no_serious_violations(live_server, chromium):
    user = User.objects.create_user("axe@example.org", PASSWORD, full_name="Axel Axe", is_applicant=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    context = chromium.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(live_server + "/accounts/login/")
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password (required)", exact=True).fill(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url("**/dashboard/")
        found = {}
        for path in SIGNED_IN_PAGES:
            page.goto(live_server + path)
            found[path] = axe_violations(page)
    finally:
        context.close()
    assert found == {path: [] for path in found}
