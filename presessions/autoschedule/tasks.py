"""Celery task of the automatic scheduler: a thin wrapper taking an id."""

from celery import shared_task

from . import services


@shared_task(name="presessions.run_scheduling_job")
def run_scheduling_job(*, job_id):
    services.run_scheduling_job(job_id)
