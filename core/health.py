"""``GET /healthz``: is the database answering, is the broker reachable? For load balancers and monitors.

The answer names no host, user or password: only each check's status, its latency and, on failure,
the exception's class.
"""

import logging
import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from kombu import Connection

from core.access import public

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2


def check_database():
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure is "down"; the class is reported
        logger.warning("Health check: database unreachable", exc_info=True)
        return {"status": "error", "vendor": connection.vendor, "error": type(exc).__name__}
    return {"status": "ok", "vendor": connection.vendor, "latency_ms": _since(started)}


def check_broker(url=None, timeout=BROKER_TIMEOUT_SECONDS):
    """A real connection to the broker (short timeout), or "eager" when tasks run in-process."""
    url = settings.CELERY_BROKER_URL if url is None else url
    if not url:
        return {"status": "eager"}
    started = time.monotonic()
    options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    try:
        with Connection(url, connect_timeout=timeout, transport_options=options) as broker:
            broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=timeout)
            transport = broker.transport.driver_type
    except Exception as exc:  # noqa: BLE001 - any failure is "down"; the class is reported
        logger.warning("Health check: broker unreachable", exc_info=True)
        return {"status": "error", "error": type(exc).__name__}
    return {"status": "ok", "transport": transport, "latency_ms": _since(started)}


def _since(started):
    return round((time.monotonic() - started) * 1000, 1)


@public
@never_cache
@require_safe
def healthz(request):
    """200 with each check's status when all pass, 503 when one fails."""
    database = check_database()
    broker = check_broker()
    healthy = database["status"] == "ok" and broker["status"] in {"ok", "eager"}
    body = {"status": "ok" if healthy else "error", "database": database, "broker": broker}
    return JsonResponse(body, status=200 if healthy else 503)
