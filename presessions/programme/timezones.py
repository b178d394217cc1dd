"""Time zones of countries and the local-time rule for online speakers.

A country's zone comes from IANA's ``zone.tab``: the zone marked "most areas" or "mainland" when the
country has several, else the capital's (``CAPITAL_ZONES``) or the first listed. A speaker of a country
spanning several zones can be given another one.
"""

import datetime as dt
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

# Online speakers are not asked to speak before 07:00 or after 22:00 in their own time.
EARLIEST_LOCAL = dt.time(7, 0)
LATEST_LOCAL = dt.time(22, 0)
DEFAULT_ZONE = "Europe/Zurich"
# Countries with several zones where zone.tab marks no main one, or marks another than the capital's.
CAPITAL_ZONES = {
    "RU": "Europe/Moscow",
    "BR": "America/Sao_Paulo",
    "UZ": "Asia/Tashkent",
    "CA": "America/Toronto",
    "MX": "America/Mexico_City",
}


@cache
def _country_zones():
    zones, main = {}, {}
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, _coordinates, zone, *comment = line.split("\t")
        zones.setdefault(code, zone)
        if comment and ("most" in comment[0] or "mainland" in comment[0]):
            main.setdefault(code, zone)
    return {**zones, **main, **CAPITAL_ZONES}


def country_time_zone(iso2):
    """The main IANA zone of a country (ISO 3166 alpha-2), or Geneva's when unknown."""
    return _country_zones().get((iso2 or "").upper(), DEFAULT_ZONE)


def is_valid_zone(name):
    return name in available_timezones()


def outside_local_hours(starts_at, ends_at, zone_name):
    """True when any part of [starts_at, ends_at] falls before 07:00 or after 22:00 in ``zone_name``."""
    zone = ZoneInfo(zone_name if is_valid_zone(zone_name) else DEFAULT_ZONE)
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    if start.date() != end.date():
        return True
    return start.time() < EARLIEST_LOCAL or end.time() > LATEST_LOCAL
