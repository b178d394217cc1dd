"""Celery tasks of the core app: thin wrappers around ``core.outbox`` and ``core.files``."""

from celery import shared_task
from django.conf import settings

from core import files, outbox


@shared_task(
    name="core.send_outbound_mail",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    # Shorter than the claim lease, so a live worker is stopped before its claim can be taken over.
    soft_time_limit=max(int(settings.OUTBOX_CLAIM_LEASE_SECONDS * 0.4), 1),
    time_limit=max(settings.OUTBOX_CLAIM_LEASE_SECONDS // 2, 2),
)
def send_outbound_mail(*, mail_id):
    """Deliver one outbox row (a no-op if it is sent, failed, not due or held by another worker)."""
    return outbox.deliver_mail(mail_id)


@shared_task(name="core.dispatch_due_mail", ignore_result=True)
def dispatch_due_mail():
    """Periodic (Celery beat): queue retries that are due, lost tasks and stale claims."""
    return outbox.dispatch_due_mail()


@shared_task(name="core.purge_orphan_uploads", ignore_result=True)
def purge_orphan_uploads():
    """Periodic (Celery beat, daily): delete stored files no row names, once a day old."""
    purge = files.purge_orphans(
        settings.MEDIA_ROOT, older_than_hours=settings.UPLOAD_ORPHAN_AGE_HOURS, delete=True
    )
    return len(purge.removed)
