"""The site's own error pages: in the visitor's language, with the menu, and a way on."""

from django.conf import settings
from django.test import Client
from django.utils import translation
from django.views import defaults


def test_404_is_the_sites_own_page_in_french(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.get("/no-such-page/")

    body = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="fr">' in body
    assert "Page introuvable" in body
    assert 'href="/"' in body and "Aller à la page d’accueil" in body
    assert 'class="skip-link"' in body  # the whole site frame, not Django's bare page


def test_403_names_the_account_and_offers_the_home_page(client, applicant_user):
    client.force_login(applicant_user)

    response = client.get("/staff/rounds/")

    body = response.content.decode()
    assert response.status_code == 403
    assert "Access refused" in body
    assert applicant_user.email in body
    assert "Sign out" in body


def test_csrf_failure_explains_the_expired_form_in_spanish(applicant_user):
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x"})

    body = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="es">' in body
    assert "El formulario ha caducado" in body


def test_500_page_stands_alone_without_a_request(rf):
    with translation.override("en"):
        response = defaults.server_error(rf.get("/"))

    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in body
    assert "/static/css/app.css" in body
