"""Are the integration services there? Used by the ``pytest_runtest_setup`` hook in ``tests/conftest.py``.

Every test marked ``integration`` needs PostgreSQL (``DATABASE_URL``) and a broker
(``CELERY_BROKER_URL``). When one is missing the test is skipped with the reason, or, when the ``CI``
environment variable is set, fails: CI cannot go green without running them.
"""

import os

import psycopg
import pytest
from django.conf import settings

from core.health import check_broker

_found = []


def service_problem():
    """The reason the integration services are unusable, or "" (checked once per session)."""
    if not _found:
        _found.append(_find_problem())
    return _found[0]


def _find_problem():
    database = settings.DATABASES["default"]
    if "postgresql" not in database["ENGINE"]:
        return "DATABASE_URL does not point to PostgreSQL (run `make test-integration`)"
    try:
        psycopg.connect(
            host=database.get("HOST") or "127.0.0.1",
            port=database.get("PORT") or 5432,
            user=database.get("USER") or None,
            password=database.get("PASSWORD") or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error as exc:
        return f"PostgreSQL is unreachable: {type(exc).__name__}"
    if not settings.CELERY_BROKER_URL:
        return "CELERY_BROKER_URL is not set (run `make test-integration`)"
    broker = check_broker(timeout=3)
    if broker["status"] != "ok":
        return f"the broker is unreachable: {broker.get('error')}"
    return ""


def require_services(item):
    """Skip ``item`` (or fail it when CI is set) if it is an integration test without its services."""
    if item.get_closest_marker("integration") is None:
        return
    problem = service_problem()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {problem}", pytrace=False)
        pytest.skip(problem)
