"""Benchmark: the selection board with 14 panels × 15 applications × 3 reviews.

Prints the number of queries of each board (it must not depend on the number of applications) and the
server time (median of several renders through Django's test client, so middleware, permission checks
and template rendering are included). Also times the Round dashboard and the XLSX export.

Run: ``.venv/bin/python tests/benchmarks/bench_selection_board.py``. It uses a scratch SQLite file in a
temporary folder unless ``DATABASE_URL`` is set (then point it at an empty scratch database of your own).
"""

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
SCRATCH = tempfile.mkdtemp(prefix="bench-selection-board-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SCRATCH}/bench.sqlite3")

PANELS, APPLICATIONS, REVIEWS, RENDERS = 14, 15, 3, 5


def build():
    """One round, 14 panels, 15 applications each with 3 submitted assessments, pending decisions set."""
    import random

    from speakers.models import Application, Organisation
    from speakers.review.services import assign_reviewers, save_assessment, seed_default_criteria
    from tests.factories.presessions import IssueFactory, PresessionFactory, RoundFactory
    from tests.factories.review import reviewer_user, staff_user
    from tests.factories.speakers import ApplicationFactory, OrganisationFactory

    rng = random.Random(54)
    round_ = RoundFactory(min_viable_applicants=3)
    criteria = seed_default_criteria(round_)
    issues = [IssueFactory() for _ in range(30)]
    kinds = list(Organisation.Kind.values)
    genders = list(Application.Gender.values)
    reviewers = [reviewer_user() for _ in range(REVIEWS)]
    presessions = []
    for _ in range(PANELS):
        presession = PresessionFactory(round=round_)
        presessions.append(presession)
        for index in range(APPLICATIONS):
            ApplicationFactory(
                presession=presession,
                organisation=OrganisationFactory(kind=rng.choice(kinds)),
                status=Application.Status.SUBMITTED,
                speaker_gender=rng.choice(genders),
                pending_decision=("selected", "reserve", "rejected", "")[index % 4],
                issues=rng.sample(issues, 3),
            )
    applications = Application.objects.filter(presession__round=round_)
    assign_reviewers(applications=applications, reviewers=reviewers, actor=None)
    for application in applications:
        for reviewer in reviewers:
            values = {criterion.pk: rng.randint(0, 5) for criterion in criteria}
            save_assessment(reviewer=reviewer, application=application, values=values, submit=True)
    return round_, presessions, staff_user()


def measure(client, url):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(RENDERS):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return len(queries), statistics.median(timings) * 1000, len(response.content)


def main():
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from speakers.models import Application

    setup_test_environment()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    round_, presessions, staff = build()
    print(
        f"data: {PANELS} panels × {APPLICATIONS} applications × {REVIEWS} reviews "
        f"({Application.objects.count()} applications) built in {time.perf_counter() - started:.1f} s"
    )
    client = Client()
    client.force_login(staff)
    counts, times = set(), []
    for presession in presessions:
        queries, ms, size = measure(client, reverse("selection:board", kwargs={"pk": presession.pk}))
        counts.add(queries)
        times.append(ms)
    print(f"selection board: {sorted(counts)} queries per board (every board, {APPLICATIONS} applications)")
    print(
        f"selection board server time: median {statistics.median(times):.1f} ms, "
        f"max {max(times):.1f} ms over {PANELS} boards × {RENDERS} renders ({size // 1024} KiB of HTML)"
    )
    # The same board with a single application: the query count must not change.
    lone = presessions[0]
    Application.objects.filter(presession=lone).exclude(
        pk=Application.objects.filter(presession=lone).first().pk
    ).delete()
    queries, ms, _size = measure(client, reverse("selection:board", kwargs={"pk": lone.pk}))
    print(f"selection board with 1 application: {queries} queries, {ms:.1f} ms")
    assert {queries} == counts, "the board's query count depends on the number of applications"
    queries, ms, _size = measure(client, reverse("selection:dashboard", kwargs={"number": round_.number}))
    print(f"round dashboard: {queries} queries, median {ms:.1f} ms")
    kwargs = {"number": round_.number, "kind": "scores", "fmt": "xlsx"}
    queries, ms, size = measure(client, reverse("selection:export", kwargs=kwargs))
    print(f"scores export (XLSX): {queries} queries, median {ms:.1f} ms, {size // 1024} KiB")


if __name__ == "__main__":
    main()
