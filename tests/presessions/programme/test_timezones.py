import datetime as dt

import pytest

from presessions.models import GENEVA
from presessions.programme.timezones import country_time_zone, outside_local_hours


@pytest.mark.parametrize(
    ("iso2", "zone"),
    [
        ("US", "America/New_York"),
        ("ru", "Europe/Moscow"),
        ("AU", "Australia/Sydney"),
        ("BR", "America/Sao_Paulo"),
        ("CH", "Europe/Zurich"),
        ("FJ", "Pacific/Fiji"),
        ("", "Europe/Zurich"),
        ("ZZ", "Europe/Zurich"),
    ],
)
def test_country_time_zone_main_zone(iso2, zone):
    assert country_time_zone(iso2) == zone


def _slot(hour, minute=0, minutes=60, day=1):
    start = dt.datetime(2027, 3, day, hour, minute, tzinfo=GENEVA)
    return start, start + dt.timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("slot", "zone", "outside"),
    [
        # Fiji is UTC+12 in March: 10:00 Geneva (UTC+1) = 21:00 Suva; ending 11:00 Geneva = 22:00: allowed.
        (_slot(10), "Pacific/Fiji", False),
        # 10:30–11:30 Geneva = 21:30–22:30 in Suva: over 22:00.
        (_slot(10, 30), "Pacific/Fiji", True),
        # New York, still UTC-5 on 1 March: 13:00 Geneva = 07:00: allowed; 12:59 = 06:59: refused.
        (_slot(13), "America/New_York", False),
        (_slot(12, 59), "America/New_York", True),
        # After the US change (14 March 2027) but before Europe's (28 March): New York is UTC-4, Geneva UTC+1.
        (_slot(12, day=15), "America/New_York", False),
        (_slot(11, 59, day=15), "America/New_York", True),
        # 11:30–12:30 Geneva = 23:30–00:30 in Auckland (UTC+13): crosses midnight, refused.
        (_slot(11, 30), "Pacific/Auckland", True),
        # An unknown zone falls back to Geneva's.
        (_slot(10), "Not/AZone", False),
    ],
)
def test_outside_local_hours_07_to_22_rule(slot, zone, outside):
    assert outside_local_hours(*slot, zone) is outside
