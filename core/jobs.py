"""Background jobs started by staff and followed on a page that polls them: the shared part.

A job row is the record of one run (who started it, when, with which result) and the progress the
status page shows. ``BackgroundJob`` holds what every job has; each app adds its own inputs and
results (``upr.ImportJob``, ``presessions.SchedulingJob``). The runner claims a pending job once, so
that a redelivered task finds it running or finished and does nothing, and ends it with ``finish``.
"""

import logging

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .tokens import new_token

logger = logging.getLogger(__name__)


class BackgroundJob(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("background job status", "Waiting")
        RUNNING = "running", pgettext_lazy("background job status", "Running")
        SUCCEEDED = "succeeded", pgettext_lazy("background job status", "Finished")
        FAILED = "failed", pgettext_lazy("background job status", "Failed")

    UNFINISHED = (Status.PENDING, Status.RUNNING)

    token = models.CharField(_("token"), max_length=32, unique=True, default=new_token, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created"]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.token} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}

    def update(self, **fields):
        """Write ``fields`` to the row without touching the others (progress writers run beside the
        runner's own writes)."""
        type(self).objects.filter(pk=self.pk).update(**fields)

    def finish(self, status, **fields):
        """End the job with ``status`` and its results, and reload it."""
        self.update(status=status, finished=timezone.now(), **fields)
        self.refresh_from_db()
        return self


def claim(model, job_id, *, related=()):
    """Mark a pending job running. Returns ``(job, claimed)``: ``(None, False)`` when the job is gone,
    ``(job, False)`` when another run claimed it already (a redelivered task then does nothing)."""
    with transaction.atomic():
        job = model.objects.select_for_update().select_related(*related).filter(pk=job_id).first()
        if job is None:
            logger.warning("%s %s does not exist.", model.__name__, job_id)
            return None, False
        if job.status != model.Status.PENDING:
            return job, False
        job.status, job.started = model.Status.RUNNING, timezone.now()
        job.save(update_fields=["status", "started"])
    return job, True
