"""Negative control for ``test_deploy_settings.py``: ``check --deploy`` does report a bad setting."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_deploy_check_reports_debug_left_on_in_production(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_DEBUG": "1",
        "SITE_URL": "https://presessions.example.org",
        "DJANGO_ALLOWED_HOSTS": "presessions.example.org",
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
    assert result.returncode == 1
    assert "security.W018" in result.stderr
