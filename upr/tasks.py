"""Celery tasks of the UPR app: thin wrappers taking ids."""

from celery import shared_task


@shared_task(name="upr.run_import_job")
def run_import_job(*, job_id):
    from upr.importing.jobs import run_import_job as run  # noqa: PLC0415

    run(job_id)
