"""Browser journeys of issue 8 on the demo data (``seed_demo``), each page checked with axe-core.

Anonymous visitor finds the call on the home page and applies; a reviewer scores on a phone; staff
record decisions on the htmx board and apply them; the French and Spanish pages of each. Reviewer and
staff sessions are opened by cookie (their second factor is tested in test_admin_mfa.py).
"""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import Client

from core.models import User
from presessions.models import Presession
from speakers.demo import seed_demo
from speakers.models import Application
from upr.services import load_reference_data

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(db):
    load_reference_data()
    return seed_demo()


def user(email):
    return User.objects.get(email=email)


def signed_in_context(chromium, live_server, account, *, viewport=PHONE, locale="en-GB"):
    """A browser context with ``account``'s session (bypassing the CSP only so that axe can run)."""
    if account.is_staff or account.is_reviewer:
        Authenticator.objects.get_or_create(
            user=account, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "browser"}}
        )
    client = Client()
    client.force_login(account)
    context = chromium.new_context(viewport=viewport, locale=locale, bypass_csp=True)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def check_page(page):
    """No sideways scroll and no serious or critical axe violation on the page as it is now."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert (page.url, overflow) == (page.url, 0)
    assert axe_violations(page) == [], page.url


def test_browser_anonymous_visitor_finds_the_call_on_the_home_page_and_applies(chromium, live_server, demo):
    applicant = user("applicant-a@demo.example.org")
    taken = Application.objects.filter(organisation__memberships__user=applicant).values("presession")
    presession = (
        Presession.objects.filter(round=demo.round)
        .exclude(pk__in=taken)
        .select_related("review__state")
        .first()
    )
    context = chromium.new_context(
        viewport=PHONE, locale="en-GB", timezone_id="America/New_York", bypass_csp=True
    )
    page = context.new_page()

    page.goto(live_server.url + "/")
    check_page(page)
    # The deadline in Geneva time, then the visitor's own (added by static/js/local-time.js).
    local = page.locator(".call-card .local-time").first.inner_text().strip()
    assert (local.startswith("(your time: "), local.endswith(" EST)")) == (True, True), local
    page.get_by_role("link", name=f"Read the call and apply — {demo.round}").click()
    page.wait_for_url(f"**/p/calls/{demo.round.number}/")
    check_page(page)
    page.locator(f'a[href="/my/apply/{presession.token}/"]').click()
    # A visitor without an account is offered to sign up first; this one has an account.
    page.wait_for_url(re.compile(r"/accounts/(signup|login)/\?next="))
    check_page(page)
    if "/signup/" in page.url:
        page.get_by_role("main").get_by_role("link", name="Sign in").first.click()
        page.wait_for_url("**/accounts/login/?next=*")
    page.get_by_label("Email").fill(applicant.email)
    page.get_by_label("Password (required)", exact=True).fill("Demo-Apply-A-2026")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"**/my/apply/{presession.token}/")
    check_page(page)
    page.get_by_label("Organisation").select_option(label="[Demo] Togo Civic Voices (TCV)")
    page.get_by_role("button", name="Start the application").click()
    page.wait_for_url("**/my/applications/*/edit/")
    check_page(page)

    assert (
        Application.objects.filter(presession=presession, organisation__memberships__user=applicant).count()
        == 1
    )
    context.close()


def test_browser_reviewer_scores_an_application_on_a_phone(chromium, live_server, demo):
    reviewer = user("reviewer@demo.example.org")
    context = signed_in_context(chromium, live_server, reviewer)
    page = context.new_page()

    page.goto(live_server.url + "/review/")
    check_page(page)
    page.locator('a[href^="/review/applications/"]').first.click()
    page.wait_for_url("**/review/applications/*/")
    check_page(page)
    for select in page.locator("form select").all():
        select.select_option(index=len(select.locator("option").all()) - 1)
    for number in page.locator('form input[type="number"]').all():
        number.fill(number.get_attribute("max") or "5")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    check_page(page)

    assert page.locator(".errorlist").count() == 0
    context.close()


def test_browser_staff_record_decisions_on_the_htmx_board_and_apply_them(chromium, live_server, demo):
    staff = user("staff@demo.example.org")
    presession = (
        Presession.objects.filter(round=demo.round, applications__status="submitted").distinct().first()
    )
    submitted = list(presession.applications.filter(status="submitted"))
    context = signed_in_context(chromium, live_server, staff, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + f"/staff/presessions/{presession.pk}/board/")
    check_page(page)

    for application in submitted:
        row = page.locator(f"#application-{application.pk}")
        row.locator("select").select_option("reserve")
        row.get_by_role("button", name="Record").click()
        page.locator(f"#application-{application.pk}.pending").wait_for()
    page.get_by_role("link", name=re.compile(r"Review and apply \d+ pending decisions?")).click()
    page.wait_for_url("**/decisions/")
    check_page(page)
    page.get_by_role("button", name=re.compile(r"Apply \d+ decisions?")).click()
    page.wait_for_url(f"**/staff/presessions/{presession.pk}/board/")

    assert page.locator(".message-success").inner_text() == (
        f"{len(submitted)} decision{'s' if len(submitted) > 1 else ''} applied; "
        f"the mail{'s are' if len(submitted) > 1 else ' is'} queued in the outbox."
    )
    assert {a.status for a in Application.objects.filter(pk__in=[a.pk for a in submitted])} == {"reserve"}
    check_page(page)
    context.close()


@pytest.mark.parametrize(
    ("language", "call_heading", "board_heading", "review_heading"),
    [
        ("fr", "Appels à candidatures ouverts", "Tableau de sélection", "Mes évaluations"),
        ("es", "Convocatorias abiertas", "Tablero de selección", "Mis evaluaciones"),
    ],
)
def test_browser_journey_pages_in_french_and_spanish(
    chromium, live_server, demo, language, call_heading, board_heading, review_heading
):
    presession = Presession.objects.filter(round=demo.round).first()
    pages = [
        (None, "/", call_heading),
        (None, f"/p/calls/{demo.round.number}/", None),
        ("reviewer@demo.example.org", "/review/", review_heading),
        ("staff@demo.example.org", f"/staff/presessions/{presession.pk}/board/", board_heading),
    ]
    for email, path, expected in pages:
        if email:
            account = user(email)
            User.objects.filter(pk=account.pk).update(language=language)
            context = signed_in_context(chromium, live_server, user(email), locale=language)
        else:
            context = chromium.new_context(viewport=PHONE, locale=language, bypass_csp=True)
        page = context.new_page()
        page.set_extra_http_headers({"Accept-Language": language})
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language
        if expected:
            assert expected in page.content(), path
        check_page(page)
        context.close()
