"""Production details: the language cookie is Secure and SameSite, signed-in pages are never stored."""

import pytest
from django.urls import reverse

from tests.core.production import production_settings

COOKIE_SETTINGS = ("LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_SAMESITE", "LANGUAGE_COOKIE_HTTPONLY")


@pytest.fixture(scope="module")
def production_cookie_settings(tmp_path_factory):
    return production_settings(tmp_path_factory.mktemp("env"), *COOKIE_SETTINGS)


def test_language_cookie_is_secure_samesite_and_httponly_in_production(production_cookie_settings):
    assert production_cookie_settings == {
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
        "LANGUAGE_COOKIE_HTTPONLY": True,
    }


@pytest.mark.django_db
def test_language_switch_sets_the_cookie_with_production_flags(client, settings, production_cookie_settings):
    for name, value in production_cookie_settings.items():
        setattr(settings, name, value)

    response = client.post(reverse("core:set_language"), {"language": "fr", "next": "/"})

    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fr"
    assert (cookie["secure"], cookie["samesite"], cookie["httponly"]) == (True, "Lax", True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("staff", "/staff/outbox/"),
        ("staff", "/staff/rounds/"),
        ("reviewer", "/review/"),
        ("applicant", "/my/profile/"),
        ("applicant", "/my/applications/"),
        ("anonymous", "/my/applications/"),
    ],
)
def test_signed_in_pages_are_never_stored(client, users_by_role, role, path):
    if users_by_role[role]:
        client.force_login(users_by_role[role])

    response = client.get(path)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_public_pages_stay_cacheable(client):
    response = client.get(reverse("core:home"))

    assert "no-store" not in response.get("Cache-Control", "")
