"""The outbox against real PostgreSQL, a real broker and real Celery worker processes, sending to an
SMTP sink run by the test. Deliveries are counted at the sink by ``Message-ID``."""

import pytest
from django.db import transaction

from config.celery import app as celery_app
from core.mail import queue_mail
from core.models import OutboundMail
from core.tasks import send_outbound_mail
from tests.integration.conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

Status = OutboundMail.Status


def _status_counts():
    rows = OutboundMail.objects.values_list("status", flat=True)
    return {status: list(rows).count(status) for status in Status.values}


def _no_send_task_left():
    """No send task waiting in the mail queue, and none running or reserved by the worker."""
    with celery_app.connection_for_read() as connection:
        queue = celery_app.amqp.queues["mail"].bind(connection.default_channel)
        waiting = queue.queue_declare().message_count
    if waiting:
        return False
    inspect = celery_app.control.inspect(timeout=1)
    held = [*(inspect.active() or {}).values(), *(inspect.reserved() or {}).values()]
    return not any(task["name"] == "core.send_outbound_mail" for tasks in held for task in tasks)


def _queue_batch(count):
    with transaction.atomic():
        return [
            queue_mail(
                to=f"person{n}@example.org",
                subject=f"Batch mail {n}",
                text_body=f"Body {n}",
                idempotency_key=f"itest-batch:{n}",
            )
            for n in range(count)
        ]


def test_outbox_worker_killed_mid_batch_delivers_every_mail_exactly_once(smtp_sink, start_worker):
    smtp_sink.close_gate_after(10)
    worker = start_worker()
    mails = _queue_batch(50)

    # After 10 deliveries the gate holds every message after its DATA, before the server's reply. Kill
    # once the 10 accepted ones are recorded as sent and every claimed mail is held at the gate (so
    # the kill falls between claim and acceptance, not in the documented window after acceptance).
    wait_for(
        lambda: (
            smtp_sink.held >= 1
            and OutboundMail.objects.filter(status=Status.SENT).count() == smtp_sink.delivered_count() == 10
            and OutboundMail.objects.filter(status=Status.SENDING).count() == smtp_sink.held
        ),
        timeout=60,
        message=f"the batch did not reach the gate: {_status_counts()}, held {smtp_sink.held}",
    )
    worker.kill()
    at_kill = _status_counts()
    smtp_sink.open_gate()
    wait_for(
        lambda: smtp_sink.dropped == smtp_sink.held, timeout=10, message="held messages were not dropped"
    )

    # Killed mid-batch: some sent, at least one claimed but unconfirmed, the rest not yet sent.
    assert at_kill[Status.SENT] == 10
    assert at_kill[Status.SENDING] >= 1
    assert at_kill[Status.SENT] + at_kill[Status.SENDING] + at_kill[Status.QUEUED] == 50

    worker = start_worker()
    wait_for(
        lambda: OutboundMail.objects.filter(status=Status.SENT).count() == 50,
        timeout=120,
        message=f"not every mail was sent: {_status_counts()}\n{worker.log_tail()}",
    )

    # Redelivered or duplicated tasks for sent mails send nothing more.
    for mail in mails:
        send_outbound_mail.delay(mail_id=mail.pk)
    sentinel = queue_mail(
        to="last@example.org", subject="Sentinel", text_body="x", idempotency_key="itest:last"
    )
    wait_for(
        lambda: (
            OutboundMail.objects.filter(pk=sentinel.pk, status=Status.SENT).exists() and _no_send_task_left()
        ),
        timeout=60,
        message="the sentinel mail was not sent or the broker still holds tasks",
    )

    counts = smtp_sink.message_id_counts()
    expected = {mail.message_id for mail in OutboundMail.objects.all()}
    assert set(counts) == expected
    assert len(expected) == 51
    assert {message_id: n for message_id, n in counts.items() if n != 1} == {}
    # Held messages were dropped by the sink and sent again; a row claimed just before the kill but
    # not yet at the gate counts as a claim too.
    assert 1 <= smtp_sink.dropped <= at_kill[Status.SENDING]
    assert OutboundMail.objects.filter(attempts__gt=1).count() == at_kill[Status.SENDING]


def test_outbox_worker_retries_transient_smtp_failure_until_sent(smtp_sink, start_worker):
    smtp_sink.script("flaky@example.org", ["451 4.3.0 Try again later", "421 4.4.2 Busy"])
    start_worker()

    mail = queue_mail(to="flaky@example.org", subject="Flaky", text_body="x", idempotency_key="itest:flaky")

    wait_for(
        lambda: OutboundMail.objects.filter(pk=mail.pk, status=Status.SENT).exists(),
        timeout=60,
        message=f"the flaky mail was not sent: {OutboundMail.objects.filter(pk=mail.pk).values().first()}",
    )
    mail.refresh_from_db()
    assert mail.attempts == 3
    assert mail.last_error == ""
    assert len(smtp_sink.delivered_to("flaky@example.org")) == 1


def test_outbox_worker_marks_permanent_failure_failed_with_error(smtp_sink, start_worker):
    smtp_sink.refuse("nobody@example.org", "550 5.1.1 No such user here")
    start_worker()

    mail = queue_mail(
        to="nobody@example.org", subject="Nobody", text_body="x", idempotency_key="itest:nobody"
    )

    wait_for(
        lambda: OutboundMail.objects.filter(pk=mail.pk, status=Status.FAILED).exists(),
        timeout=60,
        message="the refused mail was not marked failed",
    )
    mail.refresh_from_db()
    assert mail.attempts == 1
    assert "550" in mail.last_error
    assert "No such user here" in mail.last_error
    assert smtp_sink.delivered_to("nobody@example.org") == []
