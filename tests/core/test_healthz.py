import json

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_eager_broker(client, settings):
    settings.CELERY_BROKER_URL = ""

    response = client.get(reverse("core:healthz"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["database"]["vendor"] == "sqlite"
    assert body["broker"] == {"status": "eager"}


def test_healthz_checks_a_configured_broker(client, settings):
    settings.CELERY_BROKER_URL = "memory://"

    body = client.get("/healthz").json()

    assert body["broker"]["status"] == "ok"
    assert body["broker"]["transport"] == "memory"


def test_healthz_unreachable_broker_is_503_without_secrets(client, settings):
    settings.CELERY_BROKER_URL = "redis://:s3cret-password@127.0.0.1:9/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"]["status"] == "ok"
    assert body["broker"] == {"status": "error", "error": "OperationalError"}
    assert "s3cret" not in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


def test_healthz_database_failure_is_503(client, settings, monkeypatch):
    settings.CELERY_BROKER_URL = ""

    def broken_cursor(*args, **kwargs):
        raise OperationalError("could not connect to server: secret-host")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")

    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["database"] == {"status": "error", "vendor": "sqlite", "error": "OperationalError"}
    assert "secret-host" not in response.content.decode()


def test_healthz_is_public_read_only_and_exempt_from_https_redirect(client, settings):
    settings.CELERY_BROKER_URL = ""
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
    assert client.get(reverse("core:home")).status_code == 301


def test_healthz_is_in_the_public_allow_list():
    from core.public import PUBLIC_URL_NAMES

    assert "core:healthz" in PUBLIC_URL_NAMES
