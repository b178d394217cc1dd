import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

GENEVA_NOON = dt.datetime(2026, 12, 14, 12, 0, tzinfo=dt.UTC) - dt.timedelta(hours=1)  # 12:00 CET


@pytest.mark.parametrize(
    ("language", "date", "datetime", "short_date", "short_datetime"),
    [
        ("en", "14 December 2026", "14 December 2026, 12:00 CET", "14 Dec 2026", "14 Dec 2026, 12:00 CET"),
        ("fr", "14 décembre 2026", "14 décembre 2026 à 12:00 CET", "14 déc. 2026", "14 déc. 2026, 12:00 CET"),
        (
            "es",
            "14 de diciembre de 2026",
            "14 de diciembre de 2026, 12:00 CET",
            "14 dic. 2026",
            "14 dic. 2026, 12:00 CET",
        ),
    ],
)
def test_formats_one_per_language_in_geneva_time(language, date, datetime, short_date, short_datetime):
    template = Template(
        '{{ d|date:"DATE_FORMAT" }}|{{ d|date:"DATETIME_FORMAT" }}|{{ d|date:"SHORT_DATE_FORMAT" }}'
        '|{{ d|date:"SHORT_DATETIME_FORMAT" }}|{{ d }}'
    )
    with translation.override(language), timezone.override("Europe/Zurich"):
        rendered = template.render(Context({"d": GENEVA_NOON}))

    assert rendered.split("|") == [date, datetime, short_date, short_datetime, datetime]


ALLOWED_FORMATS = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
    "c",  # ISO 8601, for <time datetime> and element ids
    "l",  # the weekday's name alone, before a DATE_FORMAT date: correct in every language
}


def test_templates_name_their_date_formats():
    """No template spells a format out (``|date:"j M Y"``): they name one of the per-language formats."""
    spelled_out = [
        (path.as_posix(), found)
        for path in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.*"))
        for found in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text())
        if found not in ALLOWED_FORMATS
    ]
    assert spelled_out == []
