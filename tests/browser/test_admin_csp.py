"""Admin pages run under the site's strict Content-Security-Policy without a violation (issue 12)."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from core.models import User
from upr.models import RegionalGroup, State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in_admin(live_server, page):
    user = User.objects.create_user(
        "root@example.org", "a-long enough passphrase 42", is_staff=True, is_superuser=True
    )
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return user


def _violations(page):
    return [e for e in page.console_errors if "Content Security Policy" in e or "Refused to" in e]


def test_browser_admin_pages_have_no_csp_violations(live_server, page, signed_in_admin):
    group = RegionalGroup.objects.create(code="weog", name_en="WEOG", name_fr="GEOA", name_es="GEOA")
    state = State.objects.create(
        iso3="TUR", iso2="TR", name_en="Türkiye", name_fr="T", name_es="T", regional_group=group
    )
    paths = [
        reverse("admin:index"),
        reverse("admin:upr_state_changelist") + "?q=t",
        reverse("admin:upr_state_change", args=[state.pk]),
        reverse("admin:upr_state_add"),
        reverse("admin:upr_state_history", args=[state.pk]),
        reverse("admin:upr_state_delete", args=[state.pk]),
        reverse("admin:upr_state_import"),
        reverse("admin:upr_state_export"),
        reverse("admin:core_user_changelist"),
        reverse("admin:core_user_change", args=[signed_in_admin.pk]),
    ]
    seen = {}
    for path in paths:
        page.console_errors.clear()
        response = page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        seen[path] = (response.status, _violations(page))

    assert seen == {path: (200, []) for path in paths}


def test_browser_admin_export_select_all_toggle_works(live_server, page, signed_in_admin):
    page.goto(live_server.url + reverse("admin:upr_state_export"))
    field_boxes = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert field_boxes.count() > 2

    page.get_by_label("Select all").uncheck()

    assert [field_boxes.nth(i).is_checked() for i in range(field_boxes.count())] == [
        False
    ] * field_boxes.count()
    assert _violations(page) == []
