import smtplib
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail as django_mail

from core import outbox
from core.mail import queue_mail
from core.models import OutboundMail
from core.tasks import send_outbound_mail

pytestmark = pytest.mark.django_db

Status = OutboundMail.Status
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _queued(key="k:1", **overrides):
    """A queued row whose on-commit task has not run (as if the broker had not delivered it yet)."""
    values = {"to": "a@example.org", "subject": "Hello", "text_body": "Body", "idempotency_key": key}
    values.update(overrides)
    return queue_mail(**values)


def _row(mail):
    mail.refresh_from_db()
    return mail


def test_deliver_mail_sends_once_and_redelivered_task_does_nothing(frozen):
    mail = _queued()

    assert outbox.deliver_mail(mail.pk) == outbox.SENT
    assert send_outbound_mail.apply(kwargs={"mail_id": mail.pk}).get() == outbox.SKIPPED

    mail = _row(mail)
    assert (mail.status, mail.attempts, mail.sent_at, mail.claim_token) == (Status.SENT, 1, NOW, None)
    assert len(django_mail.outbox) == 1


def test_deliver_mail_transient_error_requeues_with_exponential_backoff(frozen, smtp_failures, settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    settings.OUTBOX_RETRY_MAX_SECONDS = 200
    smtp_failures.extend(
        [
            smtplib.SMTPRecipientsRefused({"a@example.org": (451, b"4.3.0 Try again later")}),
            ConnectionRefusedError(111, "Connection refused"),
            TimeoutError("timed out"),
        ]
    )
    mail = _queued()
    delays = []
    for _ in range(3):
        assert outbox.deliver_mail(mail.pk) == outbox.RETRY
        mail = _row(mail)
        delays.append((mail.next_attempt_at - NOW).total_seconds())
        assert outbox.deliver_mail(mail.pk) == outbox.SKIPPED  # not due yet
        frozen.move_to(mail.next_attempt_at)
    # 60 s, then 120 s more, then 240 s capped at 200 s: due 60, 180 and 380 s after the first try.
    assert delays == [60.0, 180.0, 380.0]

    assert outbox.deliver_mail(mail.pk) == outbox.SENT
    mail = _row(mail)
    assert (mail.status, mail.attempts, mail.last_error) == (Status.SENT, 4, "")
    assert len(django_mail.outbox) == 1


def test_deliver_mail_records_the_transient_error_and_next_attempt(frozen, smtp_failures):
    smtp_failures.append(smtplib.SMTPResponseException(421, b"4.4.2 Service not available"))
    mail = _queued()

    outbox.deliver_mail(mail.pk)

    mail = _row(mail)
    assert mail.status == Status.QUEUED
    assert mail.attempts == 1
    assert mail.last_error == "SMTPResponseException: (421, b'4.4.2 Service not available')"
    assert mail.next_attempt_at == NOW + timedelta(seconds=60)
    assert mail.claim_token is None


def test_deliver_mail_gives_up_after_max_attempts(frozen, smtp_failures, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    smtp_failures.extend([ConnectionResetError(104, "reset"), ConnectionResetError(104, "reset again")])
    mail = _queued()

    assert outbox.deliver_mail(mail.pk) == outbox.RETRY
    frozen.move_to(_row(mail).next_attempt_at)
    assert outbox.deliver_mail(mail.pk) == outbox.FAILED

    mail = _row(mail)
    assert (mail.status, mail.attempts) == (Status.FAILED, 2)
    assert mail.last_error == "ConnectionResetError: [Errno 104] reset again"
    assert django_mail.outbox == []


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"5.1.1 No such user")}),
            "SMTPRecipientsRefused: {'a@example.org': (550, b'5.1.1 No such user')}",
        ),
        (
            smtplib.SMTPDataError(554, b"5.7.1 Rejected as spam"),
            "SMTPDataError: (554, b'5.7.1 Rejected as spam')",
        ),
        (ValueError("Invalid address"), "ValueError: Invalid address"),
    ],
)
def test_deliver_mail_permanent_error_fails_at_once_with_the_error(frozen, smtp_failures, error, message):
    smtp_failures.append(error)
    mail = _queued()

    assert outbox.deliver_mail(mail.pk) == outbox.FAILED

    mail = _row(mail)
    assert (mail.status, mail.attempts, mail.last_error) == (Status.FAILED, 1, message)
    assert outbox.deliver_mail(mail.pk) == outbox.SKIPPED


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (smtplib.SMTPResponseException(450, b"mailbox busy"), True),
        (smtplib.SMTPResponseException(550, b"no"), False),
        (smtplib.SMTPServerDisconnected("gone"), True),
        (smtplib.SMTPAuthenticationError(535, b"bad credentials"), True),
        (smtplib.SMTPRecipientsRefused({"a@x.org": (451, b""), "b@x.org": (550, b"")}), False),
        (OSError("network unreachable"), True),
        (KeyError("bug"), False),
    ],
)
def test_is_transient_classifies_smtp_errors(error, transient):
    assert outbox.is_transient(error) is transient


def _claimed(mail, *, at):
    OutboundMail.objects.filter(pk=mail.pk).update(
        status=Status.SENDING, claim_token=uuid.uuid4(), claimed_at=at, attempts=1
    )


def test_deliver_mail_leaves_a_live_claim_alone(frozen, settings):
    mail = _queued()
    _claimed(mail, at=NOW - timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS - 1))

    assert outbox.deliver_mail(mail.pk) == outbox.SKIPPED
    assert django_mail.outbox == []


def test_deliver_mail_resends_a_stale_claim_with_the_same_message_id(frozen, settings):
    """The documented residual window: a worker that died after the SMTP server accepted the mail and
    before recording it leaves a stale claim; the mail is sent again, with the same Message-ID."""
    mail = _queued()
    _claimed(mail, at=NOW - timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS))

    assert outbox.deliver_mail(mail.pk) == outbox.SENT

    mail = _row(mail)
    assert (mail.status, mail.attempts) == (Status.SENT, 2)
    assert django_mail.outbox[0].extra_headers["Message-ID"] == mail.message_id


def test_dispatch_due_mail_queues_lost_tasks_retries_and_stale_claims(frozen, settings):
    settings.OUTBOX_DISPATCH_GRACE_SECONDS = 120
    fresh = _queued("fresh")
    lost = _queued("lost")
    OutboundMail.objects.filter(pk=lost.pk).update(enqueued_at=NOW - timedelta(seconds=120))
    later = _queued("later")
    OutboundMail.objects.filter(pk=later.pk).update(
        next_attempt_at=NOW + timedelta(seconds=1), enqueued_at=NOW - timedelta(hours=1)
    )
    stale = _queued("stale")
    _claimed(stale, at=NOW - timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS))
    live = _queued("live")
    _claimed(live, at=NOW)
    OutboundMail.objects.filter(pk__in=[stale.pk, live.pk]).update(enqueued_at=NOW - timedelta(hours=1))

    assert outbox.dispatch_due_mail() == 2

    assert len(django_mail.outbox) == 2
    statuses = dict(OutboundMail.objects.values_list("idempotency_key", "status"))
    assert statuses == {
        "fresh": Status.QUEUED,
        "lost": Status.SENT,
        "later": Status.QUEUED,
        "stale": Status.SENT,
        "live": Status.SENDING,
    }
    assert _row(fresh).attempts == 0


def test_dispatch_due_mail_fails_a_stale_claim_without_attempts_left(frozen, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    mail = _queued()
    _claimed(mail, at=NOW - timedelta(days=1))

    assert outbox.dispatch_due_mail() == 0

    mail = _row(mail)
    assert mail.status == Status.FAILED
    assert mail.last_error == "The worker was lost while sending, on every attempt."
    assert django_mail.outbox == []


def test_enqueue_delivery_survives_a_broker_outage(monkeypatch, caplog):
    from kombu.exceptions import OperationalError

    mail = _queued()

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_outbound_mail, "apply_async", refuse)
    outbox.enqueue_delivery(mail.pk)

    assert _row(mail).status == Status.QUEUED
    assert "the dispatcher will queue it again" in caplog.text


def test_resend_mail_requeues_a_failed_mail_with_fresh_attempts(
    frozen, smtp_failures, staff_user, django_capture_on_commit_callbacks
):
    smtp_failures.append(smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"5.1.1 No such user")}))
    mail = _queued()
    outbox.deliver_mail(mail.pk)

    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.resend_mail(_row(mail), by=staff_user) is True

    mail = _row(mail)
    assert (mail.status, mail.attempts) == (Status.SENT, 1)
    assert len(django_mail.outbox) == 1
    resend = mail.history.filter(history_change_reason="resend").get()
    assert resend.history_user == staff_user
    assert resend.status == Status.QUEUED


def test_resend_mail_refuses_a_mail_that_is_not_failed(staff_user):
    mail = _queued()

    assert outbox.resend_mail(mail, by=staff_user) is False
    assert _row(mail).status == Status.QUEUED
