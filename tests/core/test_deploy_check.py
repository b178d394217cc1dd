"""Production settings pass ``manage.py check --deploy`` with no warning at all."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def _check_deploy(tmp_path, **overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SITE_URL", "DATABASE_URL", "CELERY_", "EMAIL_URL"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "SITE_URL": "https://presessions.example.org",
            "DJANGO_ALLOWED_HOSTS": "presessions.example.org",
            "DJANGO_VAR_DIR": str(tmp_path),
            **overrides,
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_production_settings_have_no_warnings(tmp_path):
    result = _check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_deploy_check_catches_debug_left_on(tmp_path):
    result = _check_deploy(tmp_path, DJANGO_DEBUG="1")
    assert result.returncode == 1
    # DEBUG in production is reported, so the test above means something
    assert "security.W018" in result.stderr


def test_deploy_check_refuses_to_start_without_secret_key(tmp_path):
    result = _check_deploy(tmp_path, DJANGO_SECRET_KEY="")
    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
