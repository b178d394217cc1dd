import pytest
from django.conf import settings
from django.urls import reverse

from core.models import User

from .conftest import PASSWORD

SKIP_LINK = {"en": "Skip to content", "fr": "Aller au contenu", "es": "Saltar al contenido"}


@pytest.mark.django_db
def test_language_switch_anonymous_sets_cookie_and_next_page_is_french(client):
    response = client.post(reverse("core:set_language"), {"language": "fr", "next": "/accounts/login/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="fr">' in html
    assert SKIP_LINK["fr"] in html
    assert "Se connecter" in html


@pytest.mark.django_db
def test_language_switch_signed_in_stores_language(client, make_user):
    user = make_user(language="en")
    client.force_login(user)

    client.post(reverse("core:set_language"), {"language": "es", "next": "/dashboard/"})

    user.refresh_from_db()
    assert user.language == "es"
    assert user.history.first().language == "es"  # the change is in the audit trail
    assert '<html lang="es">' in client.get("/dashboard/").content.decode()


@pytest.mark.django_db
def test_language_switch_unknown_language_changes_nothing(client, make_user):
    user = make_user(language="fr")
    client.force_login(user)

    response = client.post(reverse("core:set_language"), {"language": "de", "next": "/dashboard/"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "fr"


@pytest.mark.django_db
def test_language_switch_rejects_offsite_next(client):
    response = client.post(reverse("core:set_language"), {"language": "fr", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_language_switch_is_post_only(client):
    assert client.get(reverse("core:set_language"), {"language": "fr"}).status_code == 405


@pytest.mark.django_db
def test_language_switcher_is_a_form_of_buttons_in_every_page(client):
    html = client.get("/").content.decode()
    assert f'action="{reverse("core:set_language")}"' in html
    for code in ("en", "fr", "es"):
        assert f'name="language" value="{code}" lang="{code}"' in html
    assert 'aria-pressed="true"' in html


@pytest.mark.django_db
def test_language_login_with_spanish_preference_renders_spanish(client, make_user):
    user = make_user(language="es")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("core:dashboard")
    assert '<html lang="es">' in html
    assert SKIP_LINK["es"] in html


@pytest.mark.django_db
def test_language_profile_change_updates_language_and_cookie(client, make_user):
    user = make_user(language="en", full_name="Old Name")
    client.force_login(user)

    response = client.post(reverse("core:profile"), {"full_name": " New  Name ", "language": "fr"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    user = User.objects.get(pk=user.pk)
    assert (user.full_name, user.language) == ("New Name", "fr")
    assert SKIP_LINK["fr"] in client.get(reverse("core:profile")).content.decode()


@pytest.mark.django_db
def test_language_cookie_follows_user_at_login_and_survives_logout(client, make_user):
    user = make_user(language="es")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    client.post(reverse("account_logout"))
    html = client.get("/").content.decode()
    assert '<html lang="es">' in html
    assert SKIP_LINK["es"] in html


@pytest.mark.django_db
def test_language_signed_in_message_is_in_the_users_language(client, make_user):
    user = make_user(language="fr", full_name="Nicole Tucker")

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True)

    assert "Connexion avec Nicole Tucker réussie." in response.content.decode()
