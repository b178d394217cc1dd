"""Test-only environment defaults, loaded as a pytest plugin (``-p tests.env``) before Django starts."""

import os
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-any-deployment-0123456789")
os.environ.setdefault("DJANGO_VAR_DIR", str(Path(__file__).resolve().parent.parent / "var" / "test"))
