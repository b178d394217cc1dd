"""Benchmark: load the reference data twice into a fresh database, and resolve 80,000 State names.

Run: ``.venv/bin/python tests/benchmarks/bench_reference.py``. It uses a scratch SQLite file in a temporary
folder unless ``DATABASE_URL`` is set (then point it at an empty scratch database of your own).
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
SCRATCH = tempfile.mkdtemp(prefix="bench-reference-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SCRATCH}/bench.sqlite3")


def main():
    import django

    django.setup()
    from django.core.management import call_command

    from upr.names import StateNameResolver
    from upr.services import load_reference_data

    call_command("migrate", verbosity=0)
    for label in ("first run", "second run"):
        started = time.perf_counter()
        results = load_reference_data()
        written = sum(counts.created + counts.updated for counts in results.values())
        print(f"load_reference_data {label}: {time.perf_counter() - started:.3f} s, {written} rows written")
    names = [
        "Turkey",
        "DPR Korea",
        "St Kitts & Nevis",
        "Iran (Islamic Republic of)",
        "Cote d'Ivoire",
    ] * 16_000
    started = time.perf_counter()
    resolver = StateNameResolver()
    built = time.perf_counter() - started
    for name in names:
        resolver.resolve(name)
    print(
        f"StateNameResolver: built in {built * 1000:.1f} ms, {len(names)} names in "
        f"{time.perf_counter() - started - built:.3f} s"
    )
    started = time.perf_counter()
    distinct = [f"{name} no. {i}" for i, name in enumerate(names[:5000])]
    for name in distinct:
        resolver.get(name)
    print(f"normalise_name: {len(distinct)} uncached look-ups in {time.perf_counter() - started:.3f} s")


if __name__ == "__main__":
    main()
