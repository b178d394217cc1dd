"""Benchmark: invite 193 Missions × 3 diplomats to 12 panels, i.e. build and queue ~7,000 invitation
mails with their .ics, then check that the query count does not grow with the number of Missions.

Run on a scratch PostgreSQL database of your own (it is migrated and filled; nothing else is touched)::

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/upr_embassies_bench \\
        .venv/bin/python tests/benchmarks/bench_invitations.py

Without ``DATABASE_URL`` it uses a scratch SQLite file. Panels are sent one by one (one outbox batch each,
as staff do panel by panel), so every diplomat gets one mail per panel: 193 × 3 × 12 = 6,948 mails.
Delivery is not part of the figure: the hand-over to the broker is counted, not run. Target: ≤ 30 s.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
SCRATCH = tempfile.mkdtemp(prefix="bench-invitations-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SCRATCH}/bench.sqlite3")
os.environ["CELERY_BROKER_URL"] = ""
os.environ["EMAIL_URL"] = "memorymail://"
MISSIONS = 193
DIPLOMATS = 3
PANELS = 12
TARGET_SECONDS = 30


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


CODES = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _code(n, alphabet, width):
    code = ""
    for _ in range(width):
        n, rest = divmod(n, len(alphabet))
        code = alphabet[rest] + code
    return code


def build_world(missions, *, prefix, offset):
    """``missions`` States with a Mission and 3 diplomats each, a round of 12 placed panels."""
    import datetime as dt

    from embassies.missions.models import Diplomat, PermanentMission
    from presessions.models import GENEVA, Presession, Room, Round
    from upr.models import Cycle, RegionalGroup, Review, State, WorkingGroupSession

    group, _ = RegionalGroup.objects.get_or_create(code=f"{prefix}G", defaults={"name_en": "Group"})
    cycle, _ = Cycle.objects.get_or_create(number=4)
    session = WorkingGroupSession.objects.create(number=900 + offset, cycle=cycle, year=2027)
    states = State.objects.bulk_create(
        State(iso3=prefix + _code(n, CODES[10:], 2), iso2=_code(offset + n, CODES, 2),
              name_en=f"State {prefix}{n}", name_fr=f"État {prefix}{n}", name_es=f"Estado {prefix}{n}",
              regional_group=group)
        for n in range(missions)
    )  # fmt: skip
    languages = ("en", "fr", "es")
    mission_rows = PermanentMission.objects.bulk_create(
        PermanentMission(state=state, email=f"mission.{state.iso3.lower()}@example.org") for state in states
    )
    Diplomat.objects.bulk_create(
        Diplomat(mission=mission, name=f"Diplomat {i} of {mission.state.name_en}",
                 email=f"d{i}.{mission.state.iso3.lower()}@example.org", language=languages[i % 3])
        for mission in mission_rows
        for i in range(DIPLOMATS)
    )  # fmt: skip
    round_ = Round.objects.create(
        session=session, number=session.number, title=f"Pre-sessions {prefix}", venue="Geneva"
    )
    room = Room.objects.create(
        round=round_, name="Room XXIV", mode="hybrid", meeting_url="https://meet.example.org/x"
    )
    panels = []
    for n in range(PANELS):
        review = Review.objects.create(session=session, state=states[n], order=n + 1)
        starts = dt.datetime(2027, 3, 1 + n // 4, 9 + 2 * (n % 4), 0, tzinfo=GENEVA)
        panels.append(
            Presession.objects.create(
                round=round_, review=review, status="confirmed", starts_at=starts,
                ends_at=starts + dt.timedelta(hours=1), room=room,
            )
        )  # fmt: skip
    return panels


def invite(panels, connection):
    """Every Mission of the world on each panel's list (by its regional group), then send panel by panel.

    Returns (seconds, queries, mails)."""
    from django.db import transaction

    from embassies.invitations import delivery, services
    from embassies.invitations.targeting import GuestRules, build_guest_list

    for panel in panels:
        rules = GuestRules(groups=[panel.review.state.regional_group.code])  # this world's Missions only
        services.add_guests(panel, build_guest_list(panel, rules))
    counter, mails = QueryCounter(), 0
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(counter), transaction.atomic():
        for panel in panels:
            mails += delivery.send_invitations([panel.pk]).mails
    return time.perf_counter() - started, time.process_time() - cpu, counter.count, mails


def main():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from core import outbox
    from core.models import OutboundMail
    from embassies.invitations.models import Invitation

    handed_over = []
    outbox.enqueue_delivery = lambda mail_id, **kwargs: handed_over.append(mail_id)  # the broker: not timed
    call_command("migrate", verbosity=0)
    if OutboundMail.objects.exists() or Invitation.objects.exists():
        sys.exit("The benchmark database is not empty: point DATABASE_URL at a fresh scratch database.")

    from django.urls import reverse

    reverse("embassies:rsvp", args=["warm-up"])  # load the URL configuration before timing
    small_seconds, _small_cpu, small_queries, small_mails = invite(
        build_world(20, prefix="S", offset=0), connection
    )
    seconds, cpu, queries, mails = invite(build_world(MISSIONS, prefix="B", offset=100), connection)

    attachments = OutboundMail.objects.filter(attachments__filename="invitation.ics").count()
    print(
        f"invitation benchmark on {connection.vendor}: "
        f"{MISSIONS} Missions × {DIPLOMATS} diplomats × {PANELS} panels"
    )
    print(
        f"  {mails} mails queued (each with its .ics: {attachments - small_mails}) in {seconds:.1f} s "
        f"({seconds * 1000 / mails:.2f} ms/mail); target ≤ {TARGET_SECONDS} s"
    )
    print(
        f"  queries: {queries} for {MISSIONS} Missions, {small_queries} for 20 Missions "
        f"({queries / PANELS:.0f} per panel sent)"
    )
    print(f"  CPU time of this process: {cpu:.1f} s (the rest waits for PostgreSQL or for a busy machine)")
    print(f"  20 Missions: {small_mails} mails in {small_seconds:.1f} s")
    print(f"  handed over to the broker after commit: {len(handed_over)}")
    assert mails == MISSIONS * DIPLOMATS * PANELS
    assert queries == small_queries, "the query count grows with the number of Missions"
    assert len(handed_over) == mails + small_mails
    if seconds > TARGET_SECONDS:
        sys.exit(f"Too slow: {seconds:.1f} s > {TARGET_SECONDS} s")


if __name__ == "__main__":
    main()
