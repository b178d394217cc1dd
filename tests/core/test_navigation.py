"""Each app declares its menu entries; a name that does not resolve fails the system check."""

import pytest
from django.core.checks import run_checks
from django.urls import reverse

from core import navigation
from core.checks import check_navigation_links


def test_navigation_every_registered_entry_resolves():
    assert check_navigation_links() == []
    names = {link.url_name for _area, link in navigation.registered_links()}
    assert {
        "applications:application_list",
        "review:my_reviews",
        "presessions:round_list",
        "admin:index",
    } <= names
    assert all(reverse(name) for name in names)


def test_navigation_check_reports_an_unknown_url_name(monkeypatch):
    monkeypatch.setitem(navigation._LINKS, "staff", [navigation.Link("nowhere:page", "Nowhere")])

    errors = check_navigation_links()

    assert [error.id for error in errors] == ["core.E001"]
    assert "'nowhere:page'" in errors[0].msg
    assert [error.id for error in run_checks() if error.id == "core.E001"] == ["core.E001"]


def test_navigation_register_refuses_an_unknown_area():
    with pytest.raises(ValueError, match="Unknown navigation area 'visitors'"):
        navigation.register("visitors", navigation.Link("core:home", "Home"))


def test_navigation_staff_links_keep_their_order():
    assert [link.url_name for link in navigation.links_of("staff")] == [
        "presessions:round_list",
        "review:declarations",
        "upr:recommendation_search",
        "upr:suggestion_list",
        "embassies:mission_list",
        "embassies:invitation_overview",
        "core:outbox_list",
        "core:audit_list",
        "admin:index",
    ]
