"""Integration tests: real PostgreSQL, real Redis (or RabbitMQ) and real Celery worker processes.

Run them with ``make test-integration`` (it sets ``DATABASE_URL`` and ``CELERY_BROKER_URL``). Without
those services the tests skip with the reason; with ``CI`` set they fail instead (the hook is in
``tests/conftest.py``, see ``tests/integration/services.py``). The broker's Redis database is flushed
before each worker test: give the tests a Redis database of their own.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.integration.smtp_sink import SmtpSink

BASE_DIR = Path(settings.BASE_DIR)


def wait_for(predicate, *, timeout, message, interval=0.1):
    """Poll ``predicate`` until it returns a truthy value or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout}s: {message}")
        time.sleep(interval)


@pytest.fixture
def smtp_sink():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


def _test_database_url():
    """The URL of pytest-django's test database (``test_<name>``), for the worker processes."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{quote(db['NAME'])}"


class WorkerProcess:
    """``celery -A config worker --beat`` in its own process group, so a test can SIGKILL all of it."""

    def __init__(self, env, log_path):
        self.env = env
        self.log_path = log_path
        self.process = None

    def start(self):
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--beat",
            "--loglevel=INFO",
            "--concurrency=4",
            "--pool=prefork",
            "--without-mingle",
            "--without-gossip",
            "--hostname=itest@%h",
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(
            lambda: b" ready." in self.log_path.read_bytes()[offset:] or self.process.poll() is not None,
            timeout=90,
            message="the Celery worker did not become ready",
        )
        assert self.process.poll() is None, self.log_tail()
        return self

    def kill(self):
        """SIGKILL the worker, its pool processes and beat, at once (no warm shutdown)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def log_tail(self, size=6000):
        return self.log_path.read_bytes()[-size:].decode("utf-8", "replace")


@pytest.fixture
def worker_env(smtp_sink, tmp_path):
    """Environment for worker processes: the test database, the broker, the sink, short timings."""
    import redis

    from config.celery import app as celery_app

    if settings.CELERY_BROKER_URL.startswith("redis"):
        redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()  # queues and "unacked" leftovers
    else:
        celery_app.control.purge()
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": _test_database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
            "EMAIL_TIMEOUT": "5",
            "OUTBOX_CLAIM_LEASE_SECONDS": "10",
            "OUTBOX_DISPATCH_GRACE_SECONDS": "2",
            "OUTBOX_DISPATCH_INTERVAL_SECONDS": "1",
            "OUTBOX_RETRY_BASE_SECONDS": "1",
            "OUTBOX_RETRY_MAX_SECONDS": "4",
            "CELERY_VISIBILITY_TIMEOUT": "8",
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": settings.SITE_URL,
            "DJANGO_VAR_DIR": str(tmp_path / "var"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


@pytest.fixture
def start_worker(worker_env, tmp_path):
    """Start a worker (call it again after a kill to restart); every worker is stopped at the end."""
    workers = []

    def start():
        worker = WorkerProcess(worker_env, tmp_path / "worker.log").start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
