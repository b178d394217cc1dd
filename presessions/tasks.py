"""Celery tasks of the presessions app (Celery discovers this module; each package keeps its own)."""

from .programme.tasks import notify_release  # noqa: F401
