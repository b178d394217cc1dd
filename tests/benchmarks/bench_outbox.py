"""Benchmark: queue 1,000 mails in one transaction, then deliver them (in-process, locmem backend).

Run: ``.venv/bin/python tests/benchmarks/bench_outbox.py``. It uses a scratch SQLite file in a temporary
folder unless ``DATABASE_URL`` is set (then point it at an empty scratch database of your own). Prints
the time and the number of SQL queries per mail for queueing and for delivery.
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
SCRATCH = tempfile.mkdtemp(prefix="bench-outbox-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SCRATCH}/bench.sqlite3")
os.environ["CELERY_BROKER_URL"] = ""
os.environ["EMAIL_URL"] = "memorymail://"
MAILS = 1000


class QueryCounter:
    """Counts the SQL statements run while it is installed (``connection.execute_wrapper``)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __len__(self):
        return self.count


def counting(connection):
    from contextlib import contextmanager

    @contextmanager
    def wrapper():
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            yield counter

    return wrapper()


def main():
    import django

    django.setup()
    from django.core import mail as django_mail
    from django.core.management import call_command
    from django.db import connection, transaction

    from core import outbox
    from core.mail import queue_mail
    from core.models import OutboundMail

    call_command("migrate", verbosity=0)
    django_mail.outbox = []
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"

    with counting(connection) as delivered:
        with transaction.atomic():
            started = time.perf_counter()
            with counting(connection) as queued:
                ids = [
                    queue_mail(
                        to=f"person{n}@example.org",
                        subject=f"Invitation {n}",
                        text_body="Dear colleague,\n\n" * 20,
                        html_body="<p>Dear colleague,</p>" * 20,
                        language="fr",
                        idempotency_key=f"bench:{n}",
                        attachments=[("invite.ics", ics, "text/calendar")],
                    ).pk
                    for n in range(MAILS)
                ]
            queue_seconds = time.perf_counter() - started
            started = time.perf_counter()
        # leaving the transaction runs the on-commit sends (tasks in-process: no broker set)
        deliver_seconds = time.perf_counter() - started
    deliveries = len(delivered) - len(queued)
    started = time.perf_counter()
    with counting(connection) as redelivered:
        skipped = [outbox.deliver_mail(mail_id) for mail_id in ids]
    redeliver_seconds = time.perf_counter() - started

    assert skipped == [outbox.SKIPPED] * MAILS
    assert OutboundMail.objects.filter(status=OutboundMail.Status.SENT).count() == MAILS
    assert len(django_mail.outbox) == MAILS
    vendor = connection.vendor
    print(f"outbox benchmark on {vendor}, {MAILS} mails with an .ics attachment")
    print(f"  queue:     {queue_seconds * 1000 / MAILS:.2f} ms/mail, {len(queued) / MAILS:.1f} queries/mail")
    print(f"  deliver:   {deliver_seconds * 1000 / MAILS:.2f} ms/mail, {deliveries / MAILS:.1f} queries/mail")
    print(
        f"  redeliver: {redeliver_seconds * 1000 / MAILS:.2f} ms/mail, "
        f"{len(redelivered) / MAILS:.1f} queries/mail (already sent: no-op)"
    )


if __name__ == "__main__":
    main()
