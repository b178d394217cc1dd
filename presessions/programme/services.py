"""Every change of a round's programme: rooms, days, breaks, unavailability and each panel's placement.

Each function validates, locks what it changes, writes (simple-history records the actor) and returns.
Releases and their notifications live in ``releases.py``.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from presessions.programme.models import (
    GENEVA,
    DayBreak,
    PersonalFeed,
    Room,
    RoundDay,
    UnavailabilityWindow,
    new_feed_token,
)
from presessions.rounds.models import Presession


def _save(instance, actor, **data):
    for name, value in data.items():
        setattr(instance, name, value)
    instance._history_user = actor
    instance.save()
    return instance


def add_room(round_, *, actor=None, **data):
    if Room.objects.filter(round=round_, name=data.get("name", "")).exists():
        raise DomainError(_("This round already has a room with that name."))
    return _save(Room(round=round_), actor, **data)


def update_room(room, *, actor=None, **data):
    if (
        Room.objects.filter(round_id=room.round_id, name=data.get("name", room.name))
        .exclude(pk=room.pk)
        .exists()
    ):
        raise DomainError(_("This round already has a room with that name."))
    return _save(room, actor, **data)


def delete_room(room, *, actor=None):
    if room.presessions.exists():
        raise DomainError(_("Panels are placed in this room: move them first."))
    room._history_user = actor
    room.delete()


def add_day(round_, *, actor=None, **data):
    if RoundDay.objects.filter(round=round_, date=data.get("date")).exists():
        raise DomainError(_("This day is already in the round."))
    _check_hours(data["opens_at"], data["closes_at"])
    return _save(RoundDay(round=round_), actor, **data)


def update_day(day, *, actor=None, **data):
    _check_hours(data.get("opens_at", day.opens_at), data.get("closes_at", day.closes_at))
    return _save(day, actor, **data)


def delete_day(day, *, actor=None):
    day._history_user = actor
    day.delete()


def _check_hours(starts, ends):
    if starts >= ends:
        raise DomainError(_("The end must come after the start."))


def add_break(day, *, actor=None, **data):
    _check_hours(data["starts_at"], data["ends_at"])
    if not (day.opens_at <= data["starts_at"] and data["ends_at"] <= day.closes_at):
        raise DomainError(_("A break must fall within the day's opening hours."))
    return _save(DayBreak(day=day), actor, **data)


def delete_break(pause, *, actor=None):
    pause._history_user = actor
    pause.delete()


def add_unavailability(round_, *, actor=None, **data):
    if data["starts_at"] >= data["ends_at"]:
        raise DomainError(_("The end must come after the start."))
    data["moderator_email"] = (data.get("moderator_email") or "").strip().lower()
    return _save(UnavailabilityWindow(round=round_, created_by=actor), actor, **data)


def delete_unavailability(window, *, actor=None):
    window._history_user = actor
    window.delete()


def slot_from(date, start, minutes):
    """Aware start and end datetimes of a slot entered in Geneva time."""
    starts_at = dt.datetime.combine(date, start, tzinfo=GENEVA)
    return starts_at, starts_at + dt.timedelta(minutes=minutes)


PANEL_FIELDS = (
    "starts_at",
    "ends_at",
    "room",
    "moderator_user",
    "moderator_name",
    "moderator_email",
    "opening_minutes",
    "followup_minutes",
    "floor_minutes",
    "expected_audience",
)


def update_panel(presession, *, actor=None, **data):
    """Place a panel (slot, room) and set its moderator and the fixed items of its running order.

    This edits the draft timetable only; conflicts are shown, not refused (``publish_release`` refuses).
    """
    unknown = set(data) - set(PANEL_FIELDS)
    if unknown:
        raise ValueError(f"Not a panel field: {sorted(unknown)}")
    with transaction.atomic():
        locked = Presession.objects.select_for_update().get(pk=presession.pk)
        merged = {name: data.get(name, getattr(locked, name)) for name in PANEL_FIELDS}
        if (merged["starts_at"] is None) != (merged["ends_at"] is None):
            raise DomainError(_("A slot needs both a start and an end."))
        if merged["starts_at"] and merged["starts_at"] >= merged["ends_at"]:
            raise DomainError(_("The end must come after the start."))
        if merged["room"] is not None and merged["room"].round_id != locked.round_id:
            raise DomainError(_("This room belongs to another round."))
        if merged["opening_minutes"] not in Presession.Opening.values:
            raise DomainError(_("The opening statement lasts 0 or 2 minutes."))
        merged["moderator_email"] = (merged["moderator_email"] or "").strip().lower()
        if "moderator_email" in data and "moderator_user" not in data:
            merged["moderator_user"] = _account_of(merged["moderator_email"])
        _save(locked, actor, **merged)
    return locked


def _account_of(email):
    """The active account with this e-mail, so that a moderator who has one sees their panels."""
    if not email:
        return None
    return get_user_model().objects.filter(email__iexact=email, is_active=True).first()


def unplace_panel(presession, *, actor=None):
    """Take a panel out of the timetable (no slot, no room)."""
    return update_panel(presession, actor=actor, starts_at=None, ends_at=None, room=None)


def feed_for(round_, email, name=""):
    """The person's personal feed for the round (created on first use; a revoked one stays revoked)."""
    feed, _created = PersonalFeed.objects.get_or_create(
        round=round_, email=email.strip().lower(), defaults={"name": name[:200]}
    )
    return feed


def revoke_feed(feed, *, actor=None):
    """Stop a personal feed: its URL answers 404 from now on."""
    feed.revoked_at = timezone.now()
    return _save(feed, actor)


def reissue_feed(feed, *, actor=None):
    """A new secret URL for the feed (the old one stops working)."""
    feed.token = new_feed_token()
    feed.revoked_at = None
    return _save(feed, actor)
