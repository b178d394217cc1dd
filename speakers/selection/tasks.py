"""Thin Celery tasks of selection."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="speakers.send_confirmation_reminders")
def send_confirmation_reminders():
    """Periodic (beat): queue the confirmation reminders that are due; idempotent per reminder."""
    queued = services.send_confirmation_reminders()
    logger.info("confirmation reminders queued: %s", queued)
    return queued
