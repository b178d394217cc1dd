"""Production settings pass ``manage.py check --deploy`` without a single warning."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "SITE_URL": "https://presessions.example.org",
    "DJANGO_ALLOWED_HOSTS": "presessions.example.org",
}
FULL_PRODUCTION = {
    **PRODUCTION,
    "DATABASE_URL": "postgres://presessions:pw@db.internal:5432/presessions",
    "CELERY_BROKER_URL": "redis://redis.internal:6379/0",
    "CACHE_URL": "rediscache://redis.internal:6379/1",
    "EMAIL_URL": "smtp+tls://user:password@smtp.example.org:587",
    "DEFAULT_FROM_EMAIL": "UPR Pre-sessions <presessions@example.org>",
    "DJANGO_BEHIND_PROXY": "1",
    "DJANGO_STATIC_MANIFEST": "1",
}


def _manage(args, environment, tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
        **environment,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("environment", [PRODUCTION, FULL_PRODUCTION], ids=["minimal", "full"])
def test_production_settings_pass_check_deploy_without_warnings(environment, tmp_path):
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], environment, tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = _manage(["check"], {**PRODUCTION, "DJANGO_SECRET_KEY": ""}, tmp_path)

    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
