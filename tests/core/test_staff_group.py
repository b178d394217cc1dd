import pytest
from django.core.management import call_command
from django.urls import reverse

from core.staffgroup import STAFF_GROUP, sync_staff_group
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def test_sync_staff_group_grants_view_add_change_on_domain_models_and_no_delete():
    group, count = sync_staff_group()

    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert count == len(codenames)
    assert {
        ("upr", "view_recommendation"),
        ("presessions", "change_round"),
        ("core", "view_outboundmail"),
    } <= (codenames)
    assert not {code for _app, code in codenames if code.startswith("delete_")}
    assert not {app for app, _code in codenames} - {
        "upr",
        "presessions",
        "speakers",
        "embassies",
        "briefs",
        "core",
    }
    assert ("core", "view_user") not in codenames


def test_sync_staff_group_is_idempotent(capsys):
    call_command("sync_staff_group")
    call_command("sync_staff_group")

    first, second = capsys.readouterr().out.splitlines()
    assert first == second
    assert first.startswith(f"Group {STAFF_GROUP!r}: ")


def test_staff_in_the_group_see_their_models_in_the_admin(client):
    from allauth.mfa.models import Authenticator

    staff = UserFactory(is_staff=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    staff.groups.add(sync_staff_group()[0])
    client.force_login(staff)

    response = client.get(reverse("admin:index"))

    labels = {app["app_label"] for app in response.context["app_list"]}
    assert {"upr", "presessions", "speakers"} <= labels
    assert client.get(reverse("admin:app_list", args=["speakers"])).status_code == 200
