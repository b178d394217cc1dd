"""Every conflict of a timetable, found by one function (``find_conflicts``) for every place that shows or
enforces them: the staff timetable and panel pages, and ``publish_release``, which refuses hard ones.

Hard conflicts: two panels in one room at once; a moderator, a person or an organisation in two panels at
once; a panel outside the round's days or opening hours, or over a break; a room whose capacity or mode
does not fit the panel (an online speaker in an in-person-only room, an in-person speaker in an online
room); an online speaker whose local time is before 07:00 or after 22:00; a running order longer than
the slot; a confirmed panel without a slot or room.
Soft (warnings only): a panel overlapping an unavailability window (an event, a moderator or a Mission).
"""

import itertools
from dataclasses import dataclass

from django.utils.translation import gettext as _

from presessions.programme.models import GENEVA, UnavailabilityWindow
from presessions.rounds.models import Presession

from .running_order import running_order_minutes
from .timezones import outside_local_hours

HARD = "hard"
SOFT = "soft"


@dataclass(frozen=True)
class Conflict:
    kind: str
    message: str
    presession_ids: tuple
    severity: str = HARD

    @property
    def is_hard(self):
        return self.severity == HARD


def _overlap(a, b):
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def _name(panel):
    return panel.review.state.name


def _time(moment):
    return moment.astimezone(GENEVA).strftime("%d %b %H:%M")


def _pair_conflicts(a, b, participants):
    found = []
    pair = (a.pk, b.pk)
    names = {"a": _name(a), "b": _name(b)}
    if a.room_id and a.room_id == b.room_id:
        found.append(
            Conflict("room", _("%(a)s and %(b)s are in the same room at the same time.") % names, pair)
        )
    if a.moderator_address and a.moderator_address == b.moderator_address:
        message = _("%(a)s and %(b)s have the same moderator at the same time.") % names
        found.append(Conflict("moderator", message, pair))
    people_a = {p.person_key: p for p in participants.get(a.pk, [])}
    people_b = {p.person_key: p for p in participants.get(b.pk, [])}
    if a.moderator_address:
        people_a.setdefault(a.moderator_address, None)
    if b.moderator_address:
        people_b.setdefault(b.moderator_address, None)
    for key in sorted(set(people_a) & set(people_b)):
        if key == a.moderator_address == b.moderator_address:
            continue
        person = people_a[key] or people_b[key]
        label = person.name if person is not None else key
        message = _("%(person)s is in %(a)s and %(b)s at the same time.") % {"person": label, **names}
        found.append(Conflict("person", message, pair))
    orgs_a = {p.organisation_key: p.organisation for p in participants.get(a.pk, [])}
    orgs_b = {p.organisation_key for p in participants.get(b.pk, [])}
    for key in sorted(set(orgs_a) & orgs_b):
        message = _("%(organisation)s speaks in %(a)s and %(b)s at the same time.") % {
            "organisation": orgs_a[key],
            **names,
        }
        found.append(Conflict("organisation", message, pair))
    return found


def _day_conflicts(panel, days_by_date):
    start, end = panel.starts_at.astimezone(GENEVA), panel.ends_at.astimezone(GENEVA)
    day = days_by_date.get(start.date())
    names = {"panel": _name(panel), "when": _time(start)}
    if day is None or end.date() != start.date():
        return [Conflict("day", _("%(panel)s (%(when)s) is not on a day of the round.") % names, (panel.pk,))]
    found = []
    if start < day.opens or end > day.closes:
        message = _("%(panel)s (%(when)s) is outside the day's opening hours.") % names
        found.append(Conflict("hours", message, (panel.pk,)))
    for pause in day.breaks.all():
        if start < pause.ends and pause.starts < end:
            message = _("%(panel)s (%(when)s) runs over a break (%(break)s).") % {
                **names,
                "break": str(pause),
            }
            found.append(Conflict("break", message, (panel.pk,)))
    return found


def _room_conflicts(panel, participants):
    room, found, names = panel.room, [], {"panel": _name(panel)}
    if room is None:
        return found
    if room.capacity and panel.expected_audience > room.capacity:
        message = _("%(panel)s expects %(people)s people; %(room)s seats %(capacity)s.") % {
            **names,
            "people": panel.expected_audience,
            "room": room.name,
            "capacity": room.capacity,
        }
        found.append(Conflict("capacity", message, (panel.pk,)))
    for person in participants.get(panel.pk, []):
        if person.is_online and not room.takes_online_speakers:
            message = _("%(person)s speaks online but %(room)s is in person only (%(panel)s).")
        elif not person.is_online and not room.takes_in_person_speakers:
            message = _("%(person)s speaks in person but %(room)s is online only (%(panel)s).")
        else:
            continue
        found.append(
            Conflict("mode", message % {**names, "person": person.name, "room": room.name}, (panel.pk,))
        )
    return found


def _speaker_conflicts(panel, participants):
    found = []
    for person in participants.get(panel.pk, []):
        if person.is_online and outside_local_hours(panel.starts_at, panel.ends_at, person.time_zone):
            message = _(
                "%(person)s speaks online from %(zone)s, where %(panel)s falls before 07:00 or after 22:00."
            )
            values = {"person": person.name, "zone": person.time_zone, "panel": _name(panel)}
            found.append(Conflict("local_time", message % values, (panel.pk,)))
    needed = running_order_minutes(panel, participants.get(panel.pk, []))
    if needed > panel.slot_minutes:
        message = _("%(panel)s needs %(needed)s minutes but its slot has %(slot)s.") % {
            "panel": _name(panel),
            "needed": needed,
            "slot": panel.slot_minutes,
        }
        found.append(Conflict("overrun", message, (panel.pk,)))
    return found


def _unavailability_warnings(panel, windows):
    found = []
    for window in windows:
        if not (panel.starts_at < window.ends_at and window.starts_at < panel.ends_at):
            continue
        concerns = (
            (window.kind == UnavailabilityWindow.Kind.EVENT and window.review_id in (None, panel.review_id))
            or (
                window.kind == UnavailabilityWindow.Kind.MODERATOR
                and window.moderator_email.lower() == panel.moderator_address
                and panel.moderator_address
            )
            or (window.kind == UnavailabilityWindow.Kind.MISSION and window.state_id == panel.review.state_id)
        )
        if concerns:
            message = _("%(panel)s overlaps %(what)s (%(when)s).") % {
                "panel": _name(panel),
                "what": window.label or window.get_kind_display(),
                "when": _time(window.starts_at),
            }
            found.append(Conflict("unavailable", message, (panel.pk,), SOFT))
    return found


def find_conflicts(timetable):
    """Every conflict of a ``selectors.Timetable``, hard ones first."""
    participants = timetable.participants
    days_by_date = {day.date: day for day in timetable.days}
    live = [p for p in timetable.panels if p.status != Presession.Status.CANCELLED]
    placed = [p for p in live if p.is_placed]
    found = []
    for panel in live:
        if panel.status == Presession.Status.CONFIRMED and (not panel.is_placed or panel.room_id is None):
            message = _("%(panel)s is confirmed but has no slot or room yet.") % {"panel": _name(panel)}
            found.append(Conflict("unplaced", message, (panel.pk,)))
    for panel in placed:
        found += _day_conflicts(panel, days_by_date)
        found += _room_conflicts(panel, participants)
        found += _speaker_conflicts(panel, participants)
    for a, b in itertools.combinations(sorted(placed, key=lambda p: p.starts_at), 2):
        if _overlap(a, b):
            found += _pair_conflicts(a, b, participants)
    for panel in placed:
        found += _unavailability_warnings(panel, timetable.unavailabilities)
    return sorted(found, key=lambda c: (not c.is_hard, c.kind))


def conflicts_by_panel(conflicts):
    """``{presession_id: [Conflict]}`` to show each conflict next to the panels it concerns."""
    result = {}
    for conflict in conflicts:
        for pk in conflict.presession_ids:
            result.setdefault(pk, []).append(conflict)
    return result
