"""Celery tasks of the embassies app (autodiscovered), defined in its packages."""

from embassies.invitations.tasks import (
    send_calendar_updates,
    send_due_reminders,
    send_invitations,
    send_reminder,
)

__all__ = ["send_calendar_updates", "send_due_reminders", "send_invitations", "send_reminder"]
