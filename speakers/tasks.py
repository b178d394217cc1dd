"""The Celery tasks of every speakers package, found by Celery's autodiscovery through this module."""

from .selection.tasks import send_confirmation_reminders
from .statements.tasks import send_statement_reminders

__all__ = ["send_confirmation_reminders", "send_statement_reminders"]
