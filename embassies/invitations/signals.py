"""Receivers of explicit signals from lower apps (connected in ``EmbassiesConfig.ready``)."""

from functools import partial

from django.db import transaction


def on_panel_changed(sender, presession, **kwargs):
    """The programme moved or cancelled a panel: invitees get the new calendar (after commit)."""
    from .tasks import send_calendar_updates

    transaction.on_commit(partial(send_calendar_updates.delay, presession_id=presession.pk))
