"""Benchmark: PDF briefs. One brief, against a bare WeasyPrint render of the same HTML; a round book of 14
panels; the peak memory; a cached rebuild (nothing changed).

Run: ``.venv/bin/python tests/benchmarks/bench_briefs.py``. It uses a scratch SQLite file in a temporary
folder unless ``DATABASE_URL`` is set (then point it at an empty scratch database of your own). Each panel
has four approved statements (three SMART recommendations on each of two issues) and 60 earlier
recommendations on record. Prints the figures side by side with their targets; exits 1 if one is missed.
"""

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Production-like: DEBUG off, so templates are compiled once (the cached loader), as in a worker.
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost")
SCRATCH = tempfile.mkdtemp(prefix="bench-briefs-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SCRATCH}/bench.sqlite3")
os.environ.setdefault("DJANGO_MEDIA_ROOT", f"{SCRATCH}/media")
os.environ.pop("CELERY_BROKER_URL", None)  # tasks run in-process
os.environ["EMAIL_URL"] = "memorymail://"
PANELS = 14
SPEAKERS = 4
EARLIER = 60
PARAGRAPH = (
    "Since the last review, human rights defenders in the capital and in three provinces have reported "
    "arrests, travel bans and the freezing of the bank accounts of their organisations. "
)


def timed(function):
    """``(wall seconds, CPU seconds)`` of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def median_seconds(function, runs):
    times = [timed(function) for _ in range(runs)]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def seed():
    """A round of 14 panels, each with approved statements and a recommendation history."""
    from speakers.statements import services as statements
    from tests.factories.core import UserFactory
    from tests.factories.presessions import IssueFactory, PresessionFactory, RoundFactory
    from tests.factories.statements import speaker_setup
    from tests.factories.upr import RecommendationFactory, StateFactory

    staff = UserFactory(is_staff=True)
    round_ = RoundFactory()
    recommenders = [StateFactory() for _ in range(12)]
    for index in range(PANELS):
        presession = PresessionFactory(round=round_)
        for number in range(SPEAKERS):
            setup = speaker_setup(
                presession=presession, consent_publish_name=True, consent_publish_organisation=True
            )
            issue_2 = IssueFactory()
            setup.application.issues.add(issue_2)
            for n in range(EARLIER // SPEAKERS):
                RecommendationFactory(
                    review=setup.earlier.review,
                    text=f"Take measure {index}-{number}-{n} to protect defenders.",
                    issues=[setup.issue if n % 2 else issue_2],
                    states=recommenders[n % 12 : n % 12 + 2],
                    response="noted" if n % 3 == 0 else "supported",
                )
            statement = statements.start_statement(setup.application, actor=setup.applicant)
            sections = {
                section.pk: {
                    "follow_up": PARAGRAPH * 2,
                    "situation": PARAGRAPH * 3,
                    "questions": "When will the law on associations be amended?",
                    "followed_up": [setup.earlier.pk],
                    "recommendations": [
                        {
                            "text": f"Amend the law on associations by 202{7 + r} ({r}).",
                            "issues": [],
                            "states": [],
                        }
                        for r in range(3)
                    ],
                }
                for section in statement.sections.all()
            }
            statements.save_statement(
                statement, actor=setup.applicant, fields={"introduction": PARAGRAPH * 2}, sections=sections
            )
            statement = statements.transition_statement(statement, "submit", actor=setup.applicant)
            statements.transition_statement(statement, "approve", actor=staff)
    return round_


def main():
    import django

    django.setup()
    import weasyprint
    from django.core.management import call_command

    from briefs.pdf import build, services
    from briefs.pdf.fetcher import StaticOnlyFetcher
    from briefs.pdf.models import BriefDocument
    from briefs.pdf.render import PDF_OPTIONS

    call_command("migrate", verbosity=0)
    round_ = seed()
    panel = round_.presessions.order_by("pk").first()
    Kind = BriefDocument.Kind

    def bare(html):
        fetcher = StaticOnlyFetcher()
        weasyprint.HTML(string=html, base_url=fetcher.base_url(), url_fetcher=fetcher).write_pdf(
            **PDF_OPTIONS
        )

    def fresh_brief():
        document = services.request_document(kind=Kind.BRIEF, language="en", presession=panel, queue=False)
        BriefDocument.objects.filter(pk=document.pk).update(source_hash="")
        _document, rendered = build.build_document(document.pk)
        assert rendered

    _title, html = build.document_html(
        services.request_document(kind=Kind.BRIEF, language="en", presession=panel, queue=False)
    )
    bare(html)  # warm-up: fonts and caches loaded once, as in a long-running worker
    bare_seconds = median_seconds(lambda: bare(html), 3)
    brief_seconds = median_seconds(fresh_brief, 3)

    book = services.request_document(kind=Kind.BOOK, language="en", round_=round_, queue=False)
    book_seconds = timed(lambda: build.build_document(book.pk))
    size = BriefDocument.objects.get(pk=book.pk).size

    brief_document = BriefDocument.objects.get(kind=Kind.BRIEF, presession=panel, language="en")
    cached_seconds = median_seconds(lambda: build.build_document(brief_document.pk), 5)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    ratio = (brief_seconds[0] / bare_seconds[0], brief_seconds[1] / bare_seconds[1])
    rows = [
        ("one brief (s)", brief_seconds, 1.5),
        ("bare WeasyPrint, same HTML (s)", bare_seconds, None),
        ("brief / bare", ratio, 1.3),
        (f"round book, {PANELS} panels (s)", book_seconds, 20.0),
        ("cached rebuild (ms)", (cached_seconds[0] * 1000, cached_seconds[1] * 1000), 50.0),
    ]
    # Wall-clock time and the process's CPU time side by side: on a shared machine (other processes
    # competing for the cores) the wall clock also measures the others; the CPU time measures this code.
    print(f"{'figure':34} {'wall':>10} {'CPU':>10} {'target':>10}  ok (wall / CPU)")
    failed = False
    for name, (wall, cpu), target in rows:
        marks = ["-" if target is None else ("yes" if value <= target else "NO") for value in (wall, cpu)]
        failed |= "NO" in marks
        bound = "" if target is None else f"≤ {target:g}"
        print(f"{name:34} {wall:10.3f} {cpu:10.3f} {bound:>10}  {' / '.join(marks)}")
    failed |= peak_mb > 500
    print(
        f"{'peak memory (MB)':34} {peak_mb:10.1f} {'':>10} {'≤ 500':>10}  {'yes' if peak_mb <= 500 else 'NO'}"
    )
    print(
        f"(round book: {size / 1024:.0f} KB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
