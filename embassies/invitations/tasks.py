"""Thin Celery tasks of invitations: ids in, one delivery function called, nothing else."""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model

from presessions.models import Presession

from . import delivery

logger = logging.getLogger(__name__)


def _user(user_id):
    return get_user_model().objects.filter(pk=user_id).first() if user_id else None


@shared_task(name="embassies.send_invitations", ignore_result=True)
def send_invitations(*, presession_ids, user_id=None):
    """Queue the invitation mails of these panels (idempotent: sent invitations are not sent again)."""
    result = delivery.send_invitations(list(presession_ids), by=_user(user_id))
    logger.info("invitations sent: %s in %s mails", result.invitations, result.mails)
    return result.mails


@shared_task(name="embassies.send_reminder", ignore_result=True)
def send_reminder(*, presession_id, user_id=None):
    presession = Presession.objects.filter(pk=presession_id).first()
    if presession is None:
        logger.warning("send_reminder: Pre-session %s is gone", presession_id)
        return 0
    reminder = delivery.send_reminder(presession, by=_user(user_id))
    return reminder.recipients if reminder else 0


@shared_task(name="embassies.send_due_reminders", ignore_result=True)
def send_due_reminders():
    """Periodic (beat): the automatic reminder of each panel that starts soon; once per panel."""
    return delivery.send_due_reminders()


@shared_task(name="embassies.send_calendar_updates", ignore_result=True)
def send_calendar_updates(*, presession_id):
    presession = Presession.objects.filter(pk=presession_id).first()
    if presession is None:
        logger.warning("send_calendar_updates: Pre-session %s is gone", presession_id)
        return 0
    return delivery.send_calendar_updates(presession)
