"""Thin Celery tasks of the programme (registered through ``presessions/tasks.py``)."""

import logging

from celery import shared_task

from presessions.programme.models import ProgrammeRelease

from . import notifications

logger = logging.getLogger(__name__)


@shared_task(name="presessions.notify_release", acks_late=True, ignore_result=True)
def notify_release(*, release_id):
    """Mail the people a release concerns, with their .ics (idempotent)."""
    release = ProgrammeRelease.objects.filter(pk=release_id).first()
    if release is None:
        logger.warning("Release %s not found; nothing to notify.", release_id)
        return 0
    return notifications.notify_release(release)
