"""Delivering outbound mail: claim, send, record; retries, stale claims and staff resends.

Exactly once per idempotency key, even when a worker is killed and its task delivered again:

1. ``deliver_mail`` **claims** the row with one conditional UPDATE (``queued`` and due, or ``sending``
   with a claim older than ``OUTBOX_CLAIM_LEASE_SECONDS``) that writes ``sending``, a fresh claim token
   and the time. The database lets exactly one worker win; every other copy of the task returns.
2. It sends over one SMTP connection and, **before** closing it, marks the row ``sent`` (only if its
   token still holds the claim). A redelivered task then finds ``sent`` and does nothing.
3. A worker that dies between claim and send leaves ``sending``: once the lease has run out,
   ``dispatch_due_mail`` (Celery beat) queues the row again and the next claim sends it.

Residual window (SMTP cannot be transactional): if the worker dies after the SMTP server accepted the
message and before the ``sent`` UPDATE commits (a few milliseconds), the stale claim is sent again,
with the same ``Message-ID`` header, so the recipient's server or client can recognise the copy.
We chose at-least-once in that window over at-most-once: a lost verification link or decision is worse
than a duplicate. The task's hard time limit is half the lease, so a live worker never loses its claim.
"""

import logging
import smtplib
import uuid
from datetime import timedelta
from functools import partial

from celery import current_app
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from core.models import OutboundMail

logger = logging.getLogger(__name__)

Status = OutboundMail.Status

SENT = "sent"
RETRY = "retry"
FAILED = "failed"
SKIPPED = "skipped"
# The task that delivers one mail (``core.tasks``), queued by name: the task module calls this one, so
# this module does not import it back (no import cycle). ``CoreConfig.ready()`` registers it.
DELIVERY_TASK = "core.send_outbound_mail"


# --- queueing for a worker ------------------------------------------------------------------------
def enqueue_delivery(mail_id, *, eta=None):
    """Ask a worker to deliver the mail. A broker outage loses nothing: the dispatcher retries."""
    if eta is not None and settings.CELERY_TASK_ALWAYS_EAGER:
        return  # in-process tasks cannot wait; `dispatch_due_mail` picks the retry up when due
    try:
        current_app.tasks[DELIVERY_TASK].apply_async(kwargs={"mail_id": mail_id}, eta=eta)
    except (BrokerError, OSError):
        logger.exception("Could not queue mail %s; the dispatcher will queue it again", mail_id)


def dispatch_due_mail(*, limit=500):
    """Queue every mail that is due and has no live task: retries, lost tasks and stale claims.

    Rows in ``sending`` whose lease has run out and that used all their attempts become ``failed``.
    Returns the number of mails queued.
    """
    now = timezone.now()
    lease_expired = now - timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS)
    quiet = Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=now - timedelta(seconds=_grace()))
    stale = Q(status=Status.SENDING, claimed_at__lte=lease_expired)
    OutboundMail.objects.filter(stale, attempts__gte=settings.OUTBOX_MAX_ATTEMPTS).update(
        status=Status.FAILED,
        claim_token=None,
        last_error="The worker was lost while sending, on every attempt.",
        updated_at=now,
    )
    due = OutboundMail.objects.filter((Q(status=Status.QUEUED, next_attempt_at__lte=now) | stale) & quiet)
    ids = list(due.order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit])
    if ids:
        OutboundMail.objects.filter(pk__in=ids).update(enqueued_at=now)
        for mail_id in ids:
            enqueue_delivery(mail_id)
    return len(ids)


def _grace():
    return settings.OUTBOX_DISPATCH_GRACE_SECONDS


# --- delivery -------------------------------------------------------------------------------------
def deliver_mail(mail_id):
    """Deliver one mail if it is due and nobody else holds it. Returns what happened (a constant)."""
    token = uuid.uuid4()
    now = timezone.now()
    claimed = (
        _claimable(now)
        .filter(pk=mail_id)
        .update(
            status=Status.SENDING,
            claim_token=token,
            claimed_at=now,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
    )
    if not claimed:
        return SKIPPED
    mail = OutboundMail.objects.prefetch_related("attachments").get(pk=mail_id)
    connection = None
    try:
        try:
            message = build_message(mail)
            connection = get_connection(fail_silently=False)
            connection.open()
            connection.send_messages([message])
        except Exception as exc:  # noqa: BLE001 - every error is recorded on the row, visibly
            return _record_failure(mail, token, exc)
        # Marked before the connection is closed: QUIT is not part of the window of doubt.
        _mark_sent(mail, token)
    finally:
        _close_quietly(connection)
    return SENT


def _claimable(now):
    lease_expired = now - timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS)
    return OutboundMail.objects.filter(
        Q(status=Status.QUEUED, next_attempt_at__lte=now)
        | Q(status=Status.SENDING, claimed_at__lte=lease_expired, attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
    )


def build_message(mail):
    """The ``EmailMultiAlternatives`` for a row, with its stable ``Message-ID``."""
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.text_body,
        from_email=mail.from_email,
        to=[mail.recipient],
        reply_to=[mail.reply_to] if mail.reply_to else None,
        headers={"Message-ID": mail.message_id, "Content-Language": mail.language},
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    for attachment in mail.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return message


def _mark_sent(mail, token):
    now = timezone.now()
    erase = {"text_body": "", "html_body": ""} if mail.sensitive else {}
    marked = OutboundMail.objects.filter(pk=mail.pk, claim_token=token).update(
        status=Status.SENT, sent_at=now, claim_token=None, last_error="", updated_at=now, **erase
    )
    if not marked:
        logger.error("Mail %s was sent but its claim had been taken over (lease too short?)", mail.pk)


def _close_quietly(connection):
    if connection is None:
        return
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - the mail is sent (or recorded as failed) already
        logger.warning("Closing the SMTP connection failed", exc_info=True)


def is_transient(exc):
    """Whether retrying later may succeed: 4xx replies, lost connections, timeouts, DNS failures."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return True  # the operator's credentials, not the mail: retry while they are fixed
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPServerDisconnected | SoftTimeLimitExceeded | TimeoutError):
        return True
    return isinstance(exc, OSError)  # connection refused or reset, DNS failure, socket timeout


def retry_delay(attempts):
    """Exponential back-off after the given number of attempts, capped."""
    delay = settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(delay, settings.OUTBOX_RETRY_MAX_SECONDS))


def _record_failure(mail, token, exc):
    error = f"{type(exc).__name__}: {exc}"[:2000]
    now = timezone.now()
    claim = OutboundMail.objects.filter(pk=mail.pk, claim_token=token)
    if is_transient(exc) and mail.attempts < settings.OUTBOX_MAX_ATTEMPTS:
        next_attempt_at = now + retry_delay(mail.attempts)
        claim.update(
            status=Status.QUEUED,
            claim_token=None,
            next_attempt_at=next_attempt_at,
            enqueued_at=now,
            last_error=error,
            updated_at=now,
        )
        logger.warning(
            "Mail %s: attempt %s failed (%s); retry at %s", mail.pk, mail.attempts, error, next_attempt_at
        )
        enqueue_delivery(mail.pk, eta=next_attempt_at)
        return RETRY
    claim.update(status=Status.FAILED, claim_token=None, last_error=error, updated_at=now)
    logger.error("Mail %s failed after %s attempt(s): %s", mail.pk, mail.attempts, error)
    return FAILED


# --- staff actions --------------------------------------------------------------------------------
def can_resend(mail):
    return mail.status == Status.FAILED


def resend_mail(mail, *, by):
    """Queue a failed mail again with fresh attempts (staff action). Returns False if it is not failed."""
    with transaction.atomic():
        mail = OutboundMail.objects.select_for_update().get(pk=mail.pk)
        if not can_resend(mail):
            return False
        now = timezone.now()
        mail.status = Status.QUEUED
        mail.attempts = 0
        mail.next_attempt_at = now
        mail.enqueued_at = now
        mail.updated_at = now
        mail._history_user = by
        mail._change_reason = "resend"
        mail.save(update_fields=["status", "attempts", "next_attempt_at", "enqueued_at", "updated_at"])
        transaction.on_commit(partial(enqueue_delivery, mail.pk))
    logger.info("Mail %s queued again by %s", mail.pk, by)
    return True
