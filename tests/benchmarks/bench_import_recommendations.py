"""Benchmark: importing the 41,066 UPR Info rows (issue 3, Performance).

Prints side by side, each phase in a fresh process (so peak RSS is that phase's own):
  (a) a plain ``bulk_create`` of 41,066 recommendations and their issue links into an empty database,
  (b) ``import_recommendations`` of the five files into an empty database,
  (c) the same import again, unchanged (must write nothing: the number of write queries is printed).

    .venv/bin/python tests/benchmarks/bench_import_recommendations.py            # SQLite (temp file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/upr_recs_import \\
        .venv/bin/python tests/benchmarks/bench_import_recommendations.py        # PostgreSQL

Targets: (b) ≤ 10 s and ≤ 3× (a); (c) ≤ 6 s with 0 writes; peak memory ≤ 400 MB.
Needs ../shared/data (or UPR_SHARED_DATA_DIR).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = os.environ.get("UPR_SHARED_DATA_DIR") or next(
    (p / "shared" / "data" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "data").exists()),
    ROOT.parent / "shared" / "data",
)
DATA = Path(SHARED) / "recommendations" / "upr-info"
FILES = ["1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv", "17-20.csv"]
WRITES = ("INSERT", "UPDATE", "DELETE")


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()


def _peak_mb():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _WriteCounter:
    def __init__(self):
        self.writes = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            self.writes += 1
        return execute(sql, params, many, context)


def phase_prepare():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    _empty()
    return {}


def _empty():
    from upr.models import Recommendation, RecommendationIssue, RecommendingState

    RecommendationIssue.objects.all().delete()
    RecommendingState.objects.all().delete()
    Recommendation.objects.all().delete()


def phase_bulk():
    """The baseline: rows read with the csv module, no validation, one recommendation per row."""
    import csv
    import hashlib
    import io

    from django.db import connection, transaction

    from upr.models import Issue, Recommendation, RecommendationIssue, Review
    from upr.names import StateNameResolver

    _empty()
    started, cpu = time.perf_counter(), time.process_time()
    states = StateNameResolver()
    reviews = {(s, n): r for r, s, n in Review.objects.values_list("id", "state_id", "session__number")}
    issues = {name: pk for pk, name in Issue.objects.values_list("id", "name_en")}
    recs, links = [], []
    for name in FILES:
        text = (DATA / name).read_bytes().decode("mac_roman").replace("\r", "\n")
        for row in list(csv.reader(io.StringIO(text)))[1:]:
            review = reviews[(states.get(row[0]).pk, int(row[10]))]
            key = hashlib.sha256(f"{len(recs)}".encode()).hexdigest()
            recs.append(Recommendation(review_id=review, text=row[3], text_key=key, response="supported"))
            links.append([issues[i.strip()] for i in row[9].split(",") if i.strip() in issues])
    counter = _WriteCounter()
    with connection.execute_wrapper(counter), transaction.atomic():
        Recommendation.objects.bulk_create(recs, batch_size=2000)
        RecommendationIssue.objects.bulk_create(
            [
                RecommendationIssue(recommendation_id=r.pk, issue_id=i)
                for r, ids in zip(recs, links, strict=True)
                for i in ids
            ],
            batch_size=2000,
        )
    seconds = time.perf_counter() - started
    result = {
        "seconds": seconds,
        "cpu": time.process_time() - cpu,
        "rows": len(recs),
        "writes": counter.writes,
        "peak_mb": _peak_mb(),
    }
    _empty()
    return result


def phase_import():
    from django.db import connection

    from upr.importing import writer
    from upr.importing.loader import import_recommendations, read_sources
    from upr.models import Recommendation, RecommendationIssue, RecommendingState

    counter = _WriteCounter()
    insert = writer._insert

    def counted_insert(model, columns, rows):  # COPY on PostgreSQL bypasses execute_wrapper
        if rows and connection.vendor == "postgresql":
            counter.writes += 1
        return insert(model, columns, rows)

    writer._insert = counted_insert
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(counter):
        report = import_recommendations(read_sources([DATA / name for name in FILES]))
    seconds = time.perf_counter() - started
    assert report.ok, report.render()
    return {
        "seconds": seconds,
        "cpu": time.process_time() - cpu,
        "writes": counter.writes,
        "peak_mb": _peak_mb(),
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "recommendations": Recommendation.objects.count(),
        "state_links": RecommendingState.objects.count(),
        "issue_links": RecommendationIssue.objects.count(),
    }


PHASES = {"prepare": phase_prepare, "bulk": phase_bulk, "import": phase_import}


def _run(phase, env):
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase], env=env, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        sys.exit(f"phase {phase} failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    env = dict(os.environ)
    url = env.get("DATABASE_URL", "")
    tmp = None
    if not url:
        tmp = tempfile.TemporaryDirectory()
        url = env["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    engine = "PostgreSQL" if url.startswith(("postgres", "pgsql")) else "SQLite"
    _run("prepare", env)
    bulk = _run("bulk", env)
    first = _run("import", env)
    again = _run("import", env)
    print(f"Import of the UPR Info recommendations — {engine}, {bulk['rows']} rows")
    print(
        f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(wall time suffers when the machine is busy)"
    )
    print(f"{'':34}{'wall s':>9}{'CPU s':>9}{'writes':>9}{'peak MB':>9}")
    for label, figures in (
        ("(a) plain bulk_create", bulk),
        ("(b) import_recommendations, empty", first),
        ("(c) re-import unchanged", again),
    ):
        print(
            f"{label:34}{figures['seconds']:9.2f}{figures['cpu']:9.2f}{figures['writes']:9d}{figures['peak_mb']:9.0f}"
        )
    print(
        f"(b) wrote {first['recommendations']} recommendations, {first['state_links']} State links, "
        f"{first['issue_links']} issue links; (c) {again['unchanged']} unchanged, "
        f"{again['created']} created, {again['updated']} updated"
    )
    ratio = first["seconds"] / bulk["seconds"]
    checks = [
        (f"(b) ≤ 10 s ({first['seconds']:.2f})", first["seconds"] <= 10),
        (f"(b) ≤ 3× (a) ({ratio:.1f}×)", ratio <= 3),
        (f"(c) ≤ 6 s ({again['seconds']:.2f})", again["seconds"] <= 6),
        (f"(c) no writes ({again['writes']})", again["writes"] == 0),
        (
            f"peak ≤ 400 MB ({max(first['peak_mb'], again['peak_mb']):.0f})",
            max(first["peak_mb"], again["peak_mb"]) <= 400,
        ),
    ]
    for label, ok in checks:
        print(f"  {'OK  ' if ok else 'MISS'} {label}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    if "--phase" in sys.argv:
        _setup()
        print(json.dumps(PHASES[sys.argv[sys.argv.index("--phase") + 1]]()))
    else:
        main()
