"""Celery tasks of the presessions app (Celery discovers ``<app>.tasks``; packages' tasks are listed here)."""

from presessions.autoschedule.tasks import run_scheduling_job  # noqa: F401
from presessions.programme.tasks import notify_release  # noqa: F401
