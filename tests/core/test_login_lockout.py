"""Behind a proxy, failed-login limits count the real client, not the proxy (issue 12, item 5)."""

import pytest
from django.urls import reverse

from tests.core.conftest import PASSWORD
from tests.core.production import production_settings

PROXY = "10.0.0.1"
ATTACKER = "203.0.113.66"
VICTIM = "198.51.100.7"


def _proxy_count_in_production(tmp_path, **environment):
    return production_settings(tmp_path, "ALLAUTH_TRUSTED_PROXY_COUNT", **environment)[
        "ALLAUTH_TRUSTED_PROXY_COUNT"
    ]


@pytest.fixture(scope="module")
def production_proxy_count(tmp_path_factory):
    return _proxy_count_in_production(tmp_path_factory.mktemp("env"), DJANGO_BEHIND_PROXY="1")


@pytest.mark.parametrize(
    ("environment", "count"),
    [
        ({}, 0),
        ({"DJANGO_BEHIND_PROXY": "1"}, 1),
        ({"DJANGO_BEHIND_PROXY": "1", "DJANGO_TRUSTED_PROXY_COUNT": "2"}, 2),
    ],
)
def test_trusted_proxy_count_follows_the_environment(tmp_path, environment, count):
    assert _proxy_count_in_production(tmp_path, **environment) == count


def _login(client, email, password, forwarded_for):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_spoofed_forwarded_for_cannot_lock_out_another_client(
    client, make_user, settings, production_proxy_count
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = production_proxy_count
    victim = make_user(email="victim@example.org", password=PASSWORD)
    # The attacker varies the part of X-Forwarded-For they write (even naming the victim's address);
    # the proxy appends the address it saw.
    for attempt in range(25):
        _login(client, f"guess{attempt}@example.org", "wrong", f"192.0.2.{attempt}, {VICTIM}, {ATTACKER}")

    locked = _login(client, "guess99@example.org", "wrong", f"{VICTIM}, {ATTACKER}")
    response = _login(client, victim.email, PASSWORD, VICTIM)

    assert "Too many failed login attempts" in locked.content.decode()
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(victim.pk)
