"""Benchmark: the public programme page, the round's .ics and the frab JSON at 14 and 60 panels.

Issue 9's targets (pretalx 2026.2 on this kind of machine: schedule page p50 52 / 153 ms for 14 / 60
talks, ICS 51 / 156 ms, frab JSON 82 / 272 ms with 2 + 2N queries): our programme page p50 ≤ 25 ms at 14
panels and ≤ 50 ms at 60, the round .ics ≤ 25 / 50 ms, the frab JSON with a query count that does not grow.
Each panel has 4 confirmed speakers (one at risk, one without consent) and a moderator; release 1 published.

Prints p50 and p95 server time (Django's test client: middleware, templates and all) and the number of
queries of each response. Run: ``.venv/bin/python tests/benchmarks/bench_programme.py``. It uses a scratch
SQLite file in a temporary folder unless ``DATABASE_URL`` is set (then an empty scratch database of yours).
"""

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
SCRATCH = tempfile.mkdtemp(prefix="bench-programme-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SCRATCH}/bench.sqlite3")

SIZES = tuple(int(n) for n in os.environ.get("BENCH_PANELS", "14,60").split(","))
SPEAKERS = 4
RENDERS = 30


def build(panels):
    """A round of ``panels`` panels over enough days, in 4 rooms, published as release 1."""
    from presessions.models import GENEVA
    from presessions.programme import services
    from presessions.programme.releases import publish_release
    from tests.factories.presessions import PresessionFactory, RoundFactory
    from tests.factories.programme import RoomFactory, RoundDayFactory, SpeakerFactory

    round_ = RoundFactory()
    rooms = [RoomFactory(round=round_, name=f"Room {index + 1}") for index in range(4)]
    slots = [
        dt.time(9, 0),
        dt.time(10, 15),
        dt.time(11, 30),
        dt.time(14, 0),
        dt.time(15, 15),
        dt.time(16, 30),
    ]
    days = -(-panels // (len(rooms) * len(slots)))
    for offset in range(days):
        RoundDayFactory(round=round_, date=dt.date(2027, 3, 1) + dt.timedelta(days=offset))
    for index in range(panels):
        panel = PresessionFactory(round=round_, status="confirmed")
        day, rest = divmod(index, len(rooms) * len(slots))
        slot, room = divmod(rest, len(rooms))
        starts_at = dt.datetime.combine(
            dt.date(2027, 3, 1) + dt.timedelta(days=day), slots[slot], tzinfo=GENEVA
        )
        services.update_panel(
            panel,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=60),
            room=rooms[room],
            moderator_name=f"Moderator {index}",
            moderator_email=f"moderator{index}@example.org",
        )
        for number in range(SPEAKERS):
            SpeakerFactory(
                presession=panel,
                at_risk=number == 1,
                consent_publish_name=number != 2,
                speaker_email=f"speaker{index}-{number}@example.org",
            )
    publish_release(round_)
    return round_


def measure(client, url):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(RENDERS):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return len(queries), statistics.median(timings), p95, len(response.content)


def main():
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    call_command("migrate", verbosity=0)
    client = Client()
    for panels in SIZES:
        started = time.perf_counter()
        round_ = build(panels)
        took = time.perf_counter() - started
        print(f"{panels} panels × {SPEAKERS} speakers built and published in {took:.1f} s")
        for label, name in (
            ("programme page", "presessions:public_programme"),
            ("round .ics", "presessions:round_ics"),  # cached per release: the first request builds it
            ("frab JSON", "presessions:frab_json"),
            ("frab XML", "presessions:frab_xml"),
            ("API v1", "presessions:api_programme"),
        ):
            queries, p50, p95, size = measure(client, reverse(name, kwargs={"number": round_.number}))
            timing = f"p50 {p50:6.1f} ms  p95 {p95:6.1f} ms"
            print(f"  {label:<15} {queries:>2} queries  {timing}  {size // 1024} KiB")


if __name__ == "__main__":
    main()
