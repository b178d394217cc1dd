"""Forms that guide (issue 8, item 4), in Chromium on a phone: the application form's summary of what is
still needed (focused, its links lead to the fields), the filter of the 56 issues, the password rules read
with the password input. Each page checked with axe-core and for sideways scroll."""

import csv
import re

import pytest
from playwright.sync_api import expect

from speakers.models import Application
from tests.factories import world as world_fixtures
from tests.factories.presessions import CallQuestionFactory
from upr.models import Issue
from upr.services import REFERENCE_DIR

from .test_journeys import PHONE, check_page, signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
world = world_fixtures.world
_fast_passwords = world_fixtures._fast_passwords


@pytest.fixture
def issues(world):
    """The 56 issues the project ships, instead of the factories' ones."""
    with open(REFERENCE_DIR / "issues.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    Issue.objects.all().delete()
    return Issue.objects.bulk_create([Issue(**row) for row in rows])


def edit_page(chromium, live_server, world):
    context = signed_in_context(chromium, live_server, world.applicant_a)
    page = context.new_page()
    page.goto(f"{live_server.url}/my/applications/{world.draft_a.token}/edit/")
    return context, page


def test_browser_issue_filter_narrows_the_groups_and_announces_the_count(
    chromium, live_server, world, issues
):
    context, page = edit_page(chromium, live_server, world)
    choices = page.locator("#id_issues .choice")
    expect(choices).to_have_count(56)
    expect(page.locator("#id_issues fieldset.checkbox-group legend")).to_have_text(
        [
            "Civil and political rights",
            "Economic, social and cultural rights",
            "Rights of specific groups",
            "Justice, security and accountability",
            "Human rights system and cooperation",
        ]
    )
    check_page(page)

    page.get_by_label("Find an issue").fill("freedom")  # the five freedoms, all civil and political
    expected = sum(1 for issue in issues if "freedom" in issue.name_en.lower())
    assert expected == 5
    expect(page.locator("#id_issues .choice:visible")).to_have_count(expected)
    status = page.locator("#id_issues [data-filter-status]")
    expect(status).to_have_text(f"{expected} of 56 shown")
    assert status.get_attribute("aria-live") == "polite"
    expect(page.locator("#id_issues fieldset.checkbox-group:visible legend")).to_have_text(
        ["Civil and political rights"]
    )

    page.get_by_label("Freedom of the press").check()
    expect(page.locator("#id_issues [data-selected-count]")).to_have_text("1")
    page.get_by_label("Find an issue").press("Enter")  # must not submit the form
    page.get_by_label("Find an issue").fill("")
    expect(page.locator("#id_issues .choice:visible")).to_have_count(56)
    expect(status).to_have_text("")
    assert page.url.endswith("/edit/")
    check_page(page)
    context.close()


def test_browser_saving_an_incomplete_draft_focuses_the_summary_whose_links_reach_the_fields(
    chromium,
    live_server,
    world,
    issues,
):
    question = CallQuestionFactory(round=world.round, label_en="Your mandate?", required=True)
    Application.objects.filter(pk=world.draft_a.pk).update(speaker_name="")
    context, page = edit_page(chromium, live_server, world)

    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url("**/edit/?check=1")

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        ["at least one issue", "the speaker's name", "Your mandate?"]
    )
    check_page(page)
    summary.get_by_role("link", name="the speaker's name").click()
    expect(page).to_have_url(re.compile(r"#id_speaker_name$"))
    expect(page.locator("#id_speaker_name")).to_be_in_viewport()
    summary.get_by_role("link", name="Your mandate?").click()
    expect(page.locator(f"#id_question_{question.pk}")).to_be_in_viewport()
    # The yes/no-free form still has its short choices on one line: both radios at the same height.
    online, in_person = page.get_by_label("Online"), page.get_by_label("In person, in Geneva")
    assert online.bounding_box()["y"] == in_person.bounding_box()["y"]
    context.close()


def test_browser_password_rules_are_read_with_the_password_input(chromium, live_server):
    context = chromium.new_context(viewport=PHONE, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")

    password = page.get_by_label("Password (required)", exact=True)
    expect(password).to_have_attribute("aria-describedby", "id_password1-help")
    expect(page.locator("#id_password1-help")).to_contain_text(
        "Your password must contain at least 10 characters."
    )
    expect(password).to_have_accessible_description(re.compile(r"at least 10 characters"))
    expect(page.get_by_text("(required)").first).to_be_visible()
    check_page(page)
    context.close()
