"""Background imports uploaded by staff: create the job, run it with progress, record the report."""

import logging
import time

from celery import current_app
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from core.jobs import claim
from upr.models import ImportJob

from .loader import import_recommendations, parse_review
from .sources import SourceError, check_size, detect_format

# The task that runs a job (``upr.tasks``), queued by name: the task module calls this one, so this
# module does not import it back (no import cycle). ``UprConfig.ready()`` registers it.
RUN_TASK = "upr.run_import_job"

logger = logging.getLogger(__name__)

PROGRESS_EVERY_SECONDS = 0.5


def create_import_job(*, user, uploaded_file, format="", review_option="", dry_run=False):
    """Check the upload (size first, then the type from its content), store it, queue the import."""
    name = uploaded_file.name.rsplit("/", 1)[-1][:255]
    try:
        check_size(uploaded_file.size, name)
        data = uploaded_file.read()
        detected = detect_format(data, name)
    except SourceError as exc:
        raise ValidationError(str(exc)) from None
    if format and format != detected:
        raise ValidationError(
            _("%(file)s: you chose %(forced)s but the file's content is %(detected)s.")
            % {"file": name, "forced": format, "detected": detected}
        )
    if review_option:
        try:
            parse_review(review_option)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
    job = ImportJob(
        original_name=name,
        format=format,
        review_option=review_option.upper(),
        dry_run=dry_run,
        created_by=user,
    )
    job.file.save("upload", ContentFile(data), save=False)
    job.save()
    transaction.on_commit(lambda: current_app.tasks[RUN_TASK].delay(job_id=job.pk))
    return job


def run_import_job(job_id):
    """Run a pending job once (a redelivered task finds it running or finished and does nothing)."""
    job, claimed = claim(ImportJob, job_id)
    if not claimed:
        return job
    try:
        report = _run(job)
    except Exception:
        logger.exception("Import job %s failed.", job_id)
        return job.finish(
            ImportJob.Status.FAILED,
            error_count=1,
            report=_(
                "The import stopped on an unexpected error; nothing was written. "
                "The technical details are in the server log."
            ),
        )
    return job.finish(
        ImportJob.Status.SUCCEEDED if report.ok else ImportJob.Status.FAILED,
        created_count=report.created,
        updated_count=report.updated,
        unchanged_count=report.unchanged,
        error_count=len(report.errors),
        report=report.render(),
    )


def _run(job):
    with job.file.open("rb") as handle:
        data = handle.read()
    review = parse_review(job.review_option) if job.review_option else None
    return import_recommendations(
        [(job.original_name, data)],
        format=job.format or None,
        dry_run=job.dry_run,
        review=review,
        progress=_progress_writer(job.pk),
    )


def _progress_writer(job_id):
    """Update the job row at most twice a second (the status page polls it)."""
    last = [0.0]

    def write(done, total):
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_SECONDS or done == total:
            last[0] = now
            ImportJob.objects.filter(pk=job_id).update(rows_done=done, rows_total=total)

    return write
