"""The published programme: panels as the latest release froze them (what the public sees)."""

import datetime as dt
from dataclasses import dataclass

from presessions.programme.models import GENEVA, ProgrammeRelease, Room
from presessions.rounds.models import Presession

from .participants import participants_for


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


@dataclass
class PublishedProgramme:
    """The latest release of a round: its panels by time, and their speakers as the public sees them."""

    round: object
    release: object
    panels: list
    speakers: dict  # panel id -> [Participant] (masked names only are used in public output)

    def by_day(self):
        days = {}
        for panel in self.panels:
            days.setdefault(panel.starts_local.date(), []).append(panel)
        return sorted(days.items())

    def rooms(self):
        seen = {}
        for panel in self.panels:
            if panel.room is not None:
                seen.setdefault(panel.room.pk, panel.room)
        return sorted(seen.values(), key=lambda r: (r.order, r.name))


def published_speakers(release, panels):
    """The speakers of the published panels: those of the release still confirmed, in published order.

    Names come live through ``participants_for`` so a risk flag or a withdrawn consent applies at once.
    """
    live = participants_for([p.pk for p in panels])
    result = {}
    for panel in panels:
        order = release.snapshot["panels"][str(panel.pk)]["speakers"]
        by_ref = {p.ref: p for p in live.get(panel.pk, [])}
        result[panel.pk] = [by_ref[ref] for ref in order if ref in by_ref]
    return result


def published_programme(round_):
    """The round's published programme, or None before the first release (4 queries)."""
    release = latest_release(round_)
    if release is None:
        return None
    panels = published_panels(release.snapshot["panels"])
    return PublishedProgramme(round_, release, panels, published_speakers(release, panels))


def panels_of_person(release, email):
    """The published panels on which ``email`` is a speaker or the moderator."""
    email = email.lower()
    entries = {k: e for k, e in release.snapshot["panels"].items() if email in e.get("people", {})}
    return published_panels(entries)
