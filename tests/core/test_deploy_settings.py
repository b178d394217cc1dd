"""A full production environment (PostgreSQL, Redis broker and cache, SMTP, behind a proxy, hashed
static files) passes ``manage.py check --deploy`` without a single warning. The minimal production
environment and the missing secret key are covered by ``test_deploy_check.py``."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

FULL_PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "SITE_URL": "https://presessions.example.org",
    "DJANGO_ALLOWED_HOSTS": "presessions.example.org",
    "DATABASE_URL": "postgres://presessions:pw@db.internal:5432/presessions",
    "CELERY_BROKER_URL": "redis://redis.internal:6379/0",
    "CACHE_URL": "rediscache://redis.internal:6379/1",
    "EMAIL_URL": "smtp+tls://user:password@smtp.example.org:587",
    "DEFAULT_FROM_EMAIL": "UPR Pre-sessions <presessions@example.org>",
    "DJANGO_BEHIND_PROXY": "1",
    "DJANGO_STATIC_MANIFEST": "1",
}


def test_full_production_settings_pass_check_deploy_without_warnings(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
        **FULL_PRODUCTION,
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
