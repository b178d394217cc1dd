"""The published programme: panels as the latest release froze them (what the public sees)."""

import datetime as dt
from dataclasses import dataclass

from ..models import Presession, ProgrammeRelease, Room
from .models import GENEVA


def latest_release(round_):
    return ProgrammeRelease.objects.filter(round=round_).order_by("-number").first()


@dataclass
class PublishedPanel:
    """A panel as a release published it; has the attributes ``calendar.build_calendar`` reads."""

    pk: int
    token: str
    status: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    room: object
    review: object
    round: object
    calendar_sequence: int
    moderator_display_name: str
    opening_minutes: int
    followup_minutes: int
    floor_minutes: int

    is_placed = True

    @property
    def slot_minutes(self):
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def starts_local(self):
        return self.starts_at.astimezone(GENEVA)


def published_panels(entries, *, status="confirmed"):
    """``PublishedPanel`` rows of snapshot ``entries`` (``{"<id>": {...}}``) by time and room; 2 queries."""
    presessions = Presession.objects.filter(pk__in=[int(k) for k in entries]).select_related(
        "review__state", "round"
    )
    by_id = {str(p.pk): p for p in presessions}
    room_ids = {e["room_id"] for e in entries.values() if e.get("room_id")}
    rooms = {r.pk: r for r in Room.objects.filter(pk__in=room_ids)} if room_ids else {}
    panels = []
    for key, entry in entries.items():
        presession = by_id.get(key)
        if presession is None:
            continue
        panels.append(
            PublishedPanel(
                pk=presession.pk,
                token=presession.token,
                status=status,
                starts_at=dt.datetime.fromisoformat(entry["starts_at"]),
                ends_at=dt.datetime.fromisoformat(entry["ends_at"]),
                room=rooms.get(entry.get("room_id")),
                review=presession.review,
                round=presession.round,
                calendar_sequence=entry["sequence"],
                moderator_display_name=entry["moderator"],
                opening_minutes=entry["opening_minutes"],
                followup_minutes=entry["followup_minutes"],
                floor_minutes=entry["floor_minutes"],
            )
        )
    return sorted(
        panels, key=lambda p: (p.starts_at, p.room.order if p.room else 0, p.room.name if p.room else "")
    )
