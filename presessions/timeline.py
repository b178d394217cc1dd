"""When a round of Pre-sessions is held, derived from its Working Group session as rounds are scheduled now.

For WG sessions 52–54 (2026–27) the Pre-sessions ran 12–13 weeks before the WG session and applications
closed about three months before the Pre-sessions (an NGO's planning sheet, ``timeline_sessions_52-54``:
WG 54 opens on 19 January 2027, its Pre-sessions on 19 October 2026, applications closed on 1 July).
Rounds used to be one month before the WG session; these figures are the current practice, used to
propose dates (the demo round), never to forbid others.
"""

import datetime as dt
from dataclasses import dataclass

from presessions.programme.models import GENEVA

WEEKS_BEFORE_WG = 13
CALL_CLOSES_WEEKS_BEFORE = 13  # about three months before the first day of the round
CALL_OPEN_WEEKS = 6
STATEMENTS_DAYS_BEFORE = 14
ROUND_DAYS = 4  # Monday to Thursday


@dataclass(frozen=True)
class RoundDates:
    start: dt.date
    end: dt.date
    call_opens_at: dt.datetime
    call_closes_at: dt.datetime
    statement_deadline: dt.datetime


def evening_in_geneva(day):
    """23:59 Geneva time on ``day``: when calls and deadlines close."""
    return dt.datetime.combine(day, dt.time(23, 59), tzinfo=GENEVA)


def typical_round_dates(wg_start):
    """The usual dates of the round before a WG session opening on ``wg_start``.

    The round starts on the Monday of the week 13 weeks before the WG session and lasts four days; the
    call closes 13 weeks before the round (23:59 Geneva time) after six weeks open; statements are due
    two weeks before the round.
    """
    target = wg_start - dt.timedelta(weeks=WEEKS_BEFORE_WG)
    start = target - dt.timedelta(days=target.weekday())
    closes = start - dt.timedelta(weeks=CALL_CLOSES_WEEKS_BEFORE)
    return RoundDates(
        start=start,
        end=start + dt.timedelta(days=ROUND_DAYS - 1),
        call_opens_at=evening_in_geneva(closes - dt.timedelta(weeks=CALL_OPEN_WEEKS)),
        call_closes_at=evening_in_geneva(closes),
        statement_deadline=evening_in_geneva(start - dt.timedelta(days=STATEMENTS_DAYS_BEFORE)),
    )
