"""Personal invitation calendars at the speed of a batch.

``presessions.programme.calendar.build_calendar`` serialises the Europe/Zurich VTIMEZONE (about 120
dates) on every call; for thousands of recipients we build each distinct calendar once, addressed to a
stand-in attendee, and put each recipient's (validated) address in its place. The content is
unfolded (RFC 5545 §3.1) before the substitution and folded again after by icalendar's own rule, so the
result is byte-for-byte what the builder would have written for that address (a test proves it).
"""

from django.utils import translation

from core.mail import clean_address
from presessions.programme.calendar import build_calendar

STAND_IN = "attendee@stand-in.invalid"
MARK = STAND_IN.encode()
LINE_LIMIT = 75


class PersonalCalendars:
    """``calendars.for_recipient(presessions, email, method=…, name=…)``, memoised per panel set and
    active language (the builder translates the event titles)."""

    def __init__(self):
        self._templates = {}

    def for_recipient(self, presessions, email, *, method, name=None):
        key = (tuple(p.pk for p in presessions), method, name, translation.get_language())
        if key not in self._templates:
            ics = build_calendar(presessions, method=method, attendee_email=STAND_IN, name=name)
            self._templates[key] = _template(ics)
        address = clean_address(email).encode()
        return b"\r\n".join(
            _fold_line(line.replace(MARK, address)) if MARK in line else line for line in self._templates[key]
        )


def _template(ics):
    """The calendar's lines, folded as built, except those naming the stand-in (left unfolded)."""
    return [line if MARK in line else _fold_line(line) for line in unfold(ics).split(b"\r\n")]


def unfold(ics):
    return ics.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")


def fold(ics):
    return b"\r\n".join(_fold_line(line) for line in ics.split(b"\r\n"))


def _fold_line(line):
    """icalendar's folding rule: segments of at most 74 octets (the continuation's leading space makes
    75), never inside a UTF-8 character, never ending on a ``\\`` or ``^`` escape."""
    if len(line) < LINE_LIMIT:
        return line
    text = line.decode()
    parts, current, size = [], [], 0
    for char in text:
        length = len(char.encode()) if not char.isascii() else 1
        if current and size + length >= LINE_LIMIT:
            carried = current.pop() if len(current) > 1 and current[-1] in "\\^" else None
            parts.append("".join(current))
            current, size = ([carried], 1) if carried else ([], 0)
        current.append(char)
        size += length
    parts.append("".join(current))
    return "\r\n ".join(parts).encode()
