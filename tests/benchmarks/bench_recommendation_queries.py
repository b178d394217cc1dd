"""Benchmark of the recommendation read side on the full UPR Info data (not collected by pytest).

    .venv/bin/python tests/benchmarks/bench_recommendation_queries.py            # SQLite (var/bench/)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/upr_bench \
        .venv/bin/python tests/benchmarks/bench_recommendation_queries.py        # PostgreSQL

The first run migrates, loads the reference data and imports the five UPR Info files (41,066 rows)
from ../shared/data (or UPR_SHARED_DATA_DIR); later runs reuse the database. Prints p50/p95 of:
the targeting selector (target p50 ≤ 20 ms), the search as the page runs it (count + first page with
its relations; target p50 ≤ 150 ms), and the SuR history page (render time and query count, which must
be the same for every State), and the time of a full CSV export and of an XLSX export.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
if "DATABASE_URL" not in os.environ:
    os.environ.setdefault("DJANGO_VAR_DIR", str(ROOT / "var" / "bench"))
    Path(os.environ["DJANGO_VAR_DIR"]).mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from core.models import User  # noqa: E402
from upr import exports  # noqa: E402
from upr.models import Issue, Recommendation, Review, State  # noqa: E402
from upr.selectors import search_recommendations  # noqa: E402
from upr.targeting import target_states  # noqa: E402
from upr.views import state_history_page  # noqa: E402

UPR_INFO_FILES = ["1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv", "17-20.csv"]
SEARCHES = [
    ("torture", {}),
    ("death penalty", {}),
    ("women", {}),
    ('"national human rights institution"', {}),
    ("ratify optional protocol", {}),
    ("children OR child", {}),
    ("freedom of expression journalists", {}),
    ("trafficking in persons", {}),
    ("discrimination -women", {}),
    ("Paris Principles", {}),
    ("domestic violence", {"cycle": 2}),
    ("torture", {"recommending_group": "weog"}),
    ("education", {"sur_group": "african", "response": "noted"}),
    ("", {}),
    ("", {"issue": "death-penalty"}),
    ("", {"session": 18, "action_category": "5"}),
]
REPEAT = 5


def shared_data_dir():
    """UPR_SHARED_DATA_DIR, else the nearest ``shared/data`` beside this checkout or one of its parents."""
    if "UPR_SHARED_DATA_DIR" in os.environ:
        candidates = [Path(os.environ["UPR_SHARED_DATA_DIR"])]
    else:
        candidates = [parent / "shared" / "data" for parent in ROOT.parents]
    for path in candidates:
        if path.exists():
            return path
    sys.exit("No shared data found: set UPR_SHARED_DATA_DIR.")


def prepare():
    call_command("migrate", verbosity=0)
    if Recommendation.objects.count() < 30_000:
        call_command("load_reference_data", verbosity=0)
        folder = shared_data_dir() / "recommendations" / "upr-info"
        started = time.perf_counter()
        call_command("import_recommendations", *[str(folder / name) for name in UPR_INFO_FILES], verbosity=0)
        print(f"(imported in {time.perf_counter() - started:.1f} s)")
    if connection.vendor == "postgresql":
        # What autovacuum does in production shortly after a bulk import: fresh planner statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def percentiles(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(function, repeat):
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def bench_targeting(rng):
    reviews = list(
        Review.objects.filter(session__number__range=(13, 20), recommendations__isnull=False)
        .select_related("state", "session")
        .distinct()
    )
    issues = list(Issue.objects.all())
    cases = [(review, rng.sample(issues, rng.randint(2, 4))) for review in rng.sample(reviews, 60)]
    for review, chosen in cases[:5]:  # warm-up
        target_states(review, chosen)
    samples, sizes = [], []
    for review, chosen in cases:
        for _ in range(3):
            started = time.perf_counter()
            result = target_states(review, chosen)
            samples.append(time.perf_counter() - started)
        sizes.append(len(result))
    p50, p95 = percentiles(samples)
    print(
        f"targeting  target_states(review, 2-4 issues): p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
        f"({len(cases)} reviews of WG 13-20, {statistics.mean(sizes):.1f} States each on average)"
    )
    return p50


def run_search(query, filters):
    page = Paginator(search_recommendations(query, filters or None), 25).page(1)
    return page.paginator.count, list(page.object_list)


def bench_search():
    for query, filters in SEARCHES:
        run_search(query, filters)  # warm-up
    samples = []
    for query, filters in SEARCHES:
        case = timed(lambda q=query, f=filters: run_search(q, f), REPEAT)
        samples.extend(case)
        count, _rows = run_search(query, filters)
        label = repr(query) + (f" {filters}" if filters else "")
        print(f"  {label:60.60} {count:6d} hits  median {statistics.median(case) * 1000:6.1f} ms")
    p50, p95 = percentiles(samples)
    print(
        f"search     count + first page of 25, {len(SEARCHES)} queries: p50 {p50:6.1f} ms  p95 {p95:6.1f} ms"
    )
    return p50


def bench_history(rng):
    user, _created = User.objects.get_or_create(email="bench-staff@example.org", defaults={"is_staff": True})
    factory = RequestFactory()
    states = list(State.objects.filter(reviews__recommendations__isnull=False).distinct())
    samples, query_counts, sizes = [], set(), []
    for state in rng.sample(states, 30):
        request = factory.get(f"/staff/states/{state.iso3}/history/")
        request.user = user
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = state_history_page(request, state.iso3)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        query_counts.add(len(queries))
        sizes.append(Recommendation.objects.filter(review__state=state).count())
    p50, p95 = percentiles(samples[1:])
    print(
        f"history    /staff/states/<iso3>/history/ render: p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
        f"queries per page: {sorted(query_counts)} (30 States, {min(sizes)}-{max(sizes)} recommendations)"
    )
    return query_counts


def bench_export():
    started = time.perf_counter()
    lines = sum(1 for _line in exports.iter_csv(search_recommendations("")))
    csv_seconds = time.perf_counter() - started
    started = time.perf_counter()
    workbook = exports.build_xlsx(search_recommendations("death penalty"), title="Recommendations")
    xlsx_seconds = time.perf_counter() - started
    rows = search_recommendations("death penalty").count()
    print(
        f"export     CSV of all {lines - 2} recommendations: {csv_seconds:.1f} s; "
        f"XLSX of {rows} ('death penalty'): {xlsx_seconds:.1f} s, {len(workbook) // 1024} KiB"
    )


def main():
    prepare()
    rng = random.Random(20261128)  # noqa: S311 - a fixed sample, not security
    total = Recommendation.objects.count()
    print(f"{connection.vendor}: {total} recommendations, {Review.objects.count()} reviews")
    bench_targeting(rng)
    bench_search()
    counts = bench_history(rng)
    bench_export()
    if len(counts) != 1:
        sys.exit("The history page's query count depends on the data.")


if __name__ == "__main__":
    main()
