"""Thin Celery tasks of the speakers app."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="speakers.send_confirmation_reminders")
def send_confirmation_reminders():
    """Periodic (beat): queue the confirmation reminders that are due; idempotent per reminder."""
    from .services_selection import send_confirmation_reminders as send

    queued = send()
    logger.info("confirmation reminders queued: %s", queued)
    return queued
