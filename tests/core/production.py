"""Settings as a production process computes them from its environment (in a subprocess)."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "SITE_URL": "https://presessions.example.org",
    "DJANGO_ALLOWED_HOSTS": "presessions.example.org",
}


def production_settings(tmp_path, *names, **environment):
    """``{name: value}`` of Django settings (JSON-serialisable) under PRODUCTION plus ``environment``."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
        **PRODUCTION,
        **environment,
    }
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
