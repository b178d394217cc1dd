"""The demo round's programme: rooms, days with a lunch break, moderators, running orders, an event to
avoid, and a published release (so the public programme and calendars have something to show).

``seed_programme(round_)`` is idempotent: a round that already has a release is left alone. It is run at
the end of ``seed_demo`` (connected to ``speakers.demo.demo_seeded`` in ``SpeakersConfig.ready``).
Addresses use ``example.org`` (reserved, never delivered).
"""

import datetime as dt

from django.db import transaction

from presessions.programme.models import GENEVA, ProgrammeRelease, Room, RoundDay, UnavailabilityWindow
from presessions.rounds.models import Presession

from . import participants, services
from .releases import publish_release

ROOMS = [
    # name, capacity, mode, access notes
    ("Room XXIV", 120, Room.Mode.HYBRID, "Palais des Nations, door 40; UN grounds pass needed."),
    ("Room XXV", 80, Room.Mode.IN_PERSON, "Palais des Nations, door 40, first floor."),
]
MODERATORS = [
    ("[Demo] Ana Moderadora", "moderator1@example.org"),
    ("[Demo] Louis Modérateur", "moderator2@example.org"),
    ("[Demo] Grace Moderator", "moderator3@example.org"),
]
# Four 60-minute slots a day (Geneva time), lunch 12:30–14:00 in between.
SLOTS = [dt.time(9, 30), dt.time(10, 45), dt.time(14, 0), dt.time(15, 15)]


def _days(round_):
    start = round_.start_date
    count = max(((round_.end_date or start) - start).days + 1, 1)
    days = []
    for offset in range(count):
        day, _created = RoundDay.objects.get_or_create(
            round=round_,
            date=start + dt.timedelta(days=offset),
            defaults={"opens_at": dt.time(9, 0), "closes_at": dt.time(17, 30)},
        )
        if not day.breaks.exists():
            services.add_break(day, starts_at=dt.time(12, 30), ends_at=dt.time(14, 0), label="Lunch")
        days.append(day)
    return days


def _rooms(round_):
    rooms = []
    for order, (name, capacity, mode, notes) in enumerate(ROOMS):
        room, _created = Room.objects.get_or_create(
            round=round_,
            name=name,
            defaults={
                "capacity": capacity,
                "mode": mode,
                "access_notes": notes,
                "order": order,
                "meeting_url": "https://meet.example.org/presessions" if mode != Room.Mode.IN_PERSON else "",
            },
        )
        rooms.append(room)
    return rooms


def _slots(days, rooms):
    for day in days:
        for start in SLOTS:
            for room in rooms:
                yield room, dt.datetime.combine(day.date, start, tzinfo=GENEVA)


def _place(round_, days, rooms):
    panels = list(
        Presession.objects.filter(round=round_)
        .exclude(status=Presession.Status.CANCELLED)
        .select_related("review__state")
        .order_by("review__order", "review__state__name_en")
    )
    placed = 0
    for index, (panel, (room, starts_at)) in enumerate(zip(panels, _slots(days, rooms), strict=False)):
        name, email = MODERATORS[index % len(MODERATORS)]
        services.update_panel(
            panel,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=60),
            room=room,
            moderator_name=name,
            moderator_email=email,
            opening_minutes=Presession.Opening.MISSION if index % 2 == 0 else Presession.Opening.NONE,
            followup_minutes=10,
            floor_minutes=15,
            expected_audience=35,
        )
        speakers = participants.participants_for([panel.pk])[panel.pk]
        if speakers:
            participants.reorder_participants(panel, [p.ref for p in reversed(speakers)])
        placed += 1
    return placed


@transaction.atomic
def seed_programme(round_):
    """Rooms, days, placed panels and release 1 for the demo round; returns the number of rows created."""
    if ProgrammeRelease.objects.filter(round=round_).exists() or round_.start_date is None:
        return 0
    days, rooms = _days(round_), _rooms(round_)
    created = len(days) + len(rooms) + _place(round_, days, rooms)
    first_day = days[0].date
    UnavailabilityWindow.objects.get_or_create(
        round=round_,
        label="[Demo] HRC side event on civic space",
        defaults={
            "kind": UnavailabilityWindow.Kind.EVENT,
            "starts_at": dt.datetime.combine(first_day, dt.time(14, 30), tzinfo=GENEVA),
            "ends_at": dt.datetime.combine(first_day, dt.time(15, 0), tzinfo=GENEVA),
            "weight": 10,
        },
    )
    publish_release(round_)
    return created + 2


def on_demo_seeded(sender, *, round, **kwargs):  # noqa: A002 (the signal's argument name)
    return seed_programme(round)
