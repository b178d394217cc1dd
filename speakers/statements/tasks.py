"""Thin Celery tasks of statements."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="speakers.send_statement_reminders", ignore_result=True)
def send_statement_reminders():
    """Periodic (beat): queue the statement reminders that are due; idempotent per reminder."""
    queued = services.send_statement_reminders()
    logger.info("statement reminders queued: %s", queued)
    return queued
