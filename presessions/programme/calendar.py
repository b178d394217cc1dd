"""iCalendar files of panels (RFC 5545, through the ``icalendar`` library).

- ``event_uid(presession)`` is derived from the panel's primary key only: the same panel keeps the same
  UID forever, in every feed, invitation and update.
- ``SEQUENCE`` is ``presession.calendar_sequence``, raised by every release that moves or cancels it.
- Times carry ``TZID=Europe/Zurich`` with its VTIMEZONE; ``DTSTAMP`` in UTC.
- Every text property goes through ``icalendar``'s escaping: a line break, ``;`` or ``,`` typed by a user
  can never start a new property or component.
- Public feeds never contain speakers or the online meeting link; a calendar addressed to one person
  (``attendee_email``) carries the meeting link of an online or hybrid room.

``build_calendar`` accepts Presession rows or any object with the same attributes (``pk``, ``status``,
``starts_at``, ``ends_at``, ``room``, ``review.state``, ``round``, ``calendar_sequence``,
``moderator_display_name``), such as the panels of a published release.
"""

import datetime as dt
from email.utils import parseaddr
from functools import cache

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from presessions.programme.models import GENEVA

PRODID = "-//UPR Pre-sessions//Programme//EN"
UID_DOMAIN = "upr-presessions"
METHODS = ("PUBLISH", "REQUEST", "CANCEL")


def event_uid(presession):
    """The panel's UID, stable forever (never built from a host name or a token that may change)."""
    return f"presession-{presession.pk}@{UID_DOMAIN}"


@cache
def _geneva_timezone():
    return icalendar.Timezone.from_tzid("Europe/Zurich")


def _is_cancelled(presession, method):
    return method == "CANCEL" or presession.status == "cancelled"


def _description(presession, *, private):
    lines = []
    moderator = presession.moderator_display_name
    if moderator:
        lines.append(_("Moderator: %(name)s") % {"name": moderator})
    room = presession.room
    if room is not None and room.access_notes:
        lines.append(room.access_notes)
    if private and room is not None and room.meeting_url and room.mode != "in_person":
        lines.append(_("Join online: %(url)s") % {"url": room.meeting_url})
    return "\n".join(lines)


def _event(presession, *, method, attendee_email, stamp):
    event = icalendar.Event()
    event.add("uid", event_uid(presession))
    event.add("dtstamp", stamp)
    event.add("sequence", presession.calendar_sequence)
    # Translators: title of a calendar event; the name is the State under Review.
    event.add("summary", _("Pre-session on %(state)s") % {"state": presession.review.state.name})
    if presession.starts_at and presession.ends_at:
        event.add("dtstart", presession.starts_at.astimezone(GENEVA))
        event.add("dtend", presession.ends_at.astimezone(GENEVA))
    location = ", ".join(
        part for part in (getattr(presession.room, "name", ""), presession.round.venue) if part
    )
    if location:
        event.add("location", location)
    description = _description(presession, private=bool(attendee_email))
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if _is_cancelled(presession, method) else "CONFIRMED")
    if method != "PUBLISH":
        organizer = icalendar.vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
        organizer.params["cn"] = icalendar.vText("UPR Pre-sessions")
        event.add("organizer", organizer)
    if attendee_email:
        attendee = icalendar.vCalAddress(f"mailto:{attendee_email}")
        attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = icalendar.vText("NEEDS-ACTION")
        event.add("attendee", attendee)
    return event


def build_calendar(presessions, *, method="PUBLISH", attendee_email=None, name=None):
    """The bytes of a VCALENDAR with one VEVENT per panel (unplaced panels are left out, except to cancel).

    ``method``: PUBLISH (feeds, "add to calendar"), REQUEST (a personal invitation or update), CANCEL.
    """
    if method not in METHODS:
        raise ValueError(f"Unknown iCalendar method: {method!r}")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
    calendar.add("x-wr-timezone", "Europe/Zurich")
    calendar.add_component(_geneva_timezone())
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for presession in presessions:
        if not (presession.starts_at and presession.ends_at) and method != "CANCEL":
            continue
        calendar.add_component(_event(presession, method=method, attendee_email=attendee_email, stamp=stamp))
    return calendar.to_ical()
