"""Playwright driving Debian's Chromium against pytest-django's live server.

Never ``playwright install``: the browser is ``/usr/bin/chromium`` (``apt-get install chromium``).
Without it the tests skip, except in CI (``CI`` set), where a missing browser is a failure.
"""

import os
import re
import time
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser context (cookies, storage) per test; records CSP and JavaScript errors."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _browser_settings(settings):
    from django.core.cache import cache

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "127.0.0.1"]
    cache.clear()


def wait_for_mail(to, deadline_seconds=10.0):
    """Poll Django's locmem outbox (the live server runs in this process) until a mail to ``to`` arrives."""
    from django.core import mail

    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        for message in getattr(mail, "outbox", []):
            if to in message.to:
                return message
        time.sleep(0.05)
    raise AssertionError(f"No mail to {to} within {deadline_seconds}s")


def link_path(body, fragment):
    """The path of the first absolute link in ``body`` containing ``fragment`` (the host is SITE_URL's)."""
    match = re.search(rf"https?://[^/\s]+([^\s]*{re.escape(fragment)}[^\s]*)", body)
    assert match, f"No link containing {fragment!r} in:\n{body}"
    return match.group(1)


def run_axe(chromium, url):
    """axe-core violations of impact serious or critical on ``url``.

    axe is injected into a context that bypasses the CSP (it is test tooling, not the app's script).
    """
    context = chromium.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(url)
        return axe_violations(page)
    finally:
        context.close()


def axe_violations(page):
    """Serious or critical axe-core violations on the page as it is now (its context must bypass CSP)."""
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
