"""Round dates derived from the WG session as rounds are scheduled now (WG 52–54)."""

import datetime as dt

import openpyxl
import pytest

from presessions.models import GENEVA
from presessions.timeline import typical_round_dates


def test_typical_round_dates_for_wg_54():
    dates = typical_round_dates(dt.date(2027, 1, 19))

    assert (dates.start, dates.end) == (dt.date(2026, 10, 19), dt.date(2026, 10, 22))
    assert dates.call_closes_at == dt.datetime(2026, 7, 20, 23, 59, tzinfo=GENEVA)
    assert dates.call_opens_at == dt.datetime(2026, 6, 8, 23, 59, tzinfo=GENEVA)
    assert dates.statement_deadline == dt.datetime(2026, 10, 5, 23, 59, tzinfo=GENEVA)


@pytest.mark.parametrize("weekday", range(7))
def test_typical_round_dates_start_on_a_monday_12_to_13_weeks_before_the_wg(weekday):
    wg_start = dt.date(2027, 1, 18) + dt.timedelta(days=weekday)

    dates = typical_round_dates(wg_start)

    assert dates.start.weekday() == 0
    assert dt.timedelta(weeks=13) <= wg_start - dates.start < dt.timedelta(weeks=14)
    assert dates.end < wg_start - dt.timedelta(weeks=12)
    assert dates.call_opens_at < dates.call_closes_at < dates.statement_deadline
    assert dates.statement_deadline.date() < dates.start


def _sheet(path):
    """``{session: {event: date}}`` from the planning sheet (markdown asterisks in its cells)."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(workbook["All"].iter_rows(min_row=2, values_only=True))
    finally:
        workbook.close()  # a read-only workbook keeps its file open until closed
    events = {}
    for event, _country, session, when, *_rest in rows:
        if event and when:
            number = int("".join(c for c in session if c.isdigit()))
            events.setdefault(number, {})[event.replace("*", "").strip()] = when.date()
    return events


@pytest.mark.filterwarnings("ignore:Data Validation extension:UserWarning")
def test_typical_round_dates_agree_with_the_sessions_52_to_54_timeline(shared_data_dir):
    sheet = _sheet(shared_data_dir / "calendar" / "timeline_sessions_52-54.xlsx")

    for number in (52, 53, 54):
        events = sheet[number]
        dates = typical_round_dates(events["UPR Working Group"])
        held = events["UPRInfo pre-sessions"]
        deadline = events["Application deadline for UPRInfo pre-sessions"]
        assert abs((dates.start - held).days) <= 8, number
        assert abs((dates.call_closes_at.date() - deadline).days) <= 20, number
