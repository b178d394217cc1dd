"""Explicit extension points of the programme, for the apps above it.

``panel_changed`` is sent by the programme (``send_robust``, after the change is committed) when a
release moves, re-rooms or cancels a panel whose ``calendar_sequence`` it has raised, with
``presession=<Presession>``. Receivers must not assume anything else: e.g. ``embassies`` queues
updated (METHOD:REQUEST) or cancelled (METHOD:CANCEL) invitation calendars for that panel.
"""

from django.dispatch import Signal

panel_changed = Signal()
