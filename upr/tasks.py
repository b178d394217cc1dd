"""Celery tasks of the UPR app: thin wrappers taking ids."""

import logging

from celery import shared_task

from upr.classification import NoModelError
from upr.importing.jobs import run_import_job as run
from upr.suggestions import recommendations_needing_suggestions, suggest_for

logger = logging.getLogger(__name__)


@shared_task(name="upr.run_import_job")
def run_import_job(*, job_id):
    job = run(job_id)
    if job is not None and job.status == job.Status.SUCCEEDED and not job.dry_run and job.created_count:
        suggest_classifications.delay()  # new recommendations (OHCHR matrices) carry no issues


@shared_task(name="upr.suggest_classifications")
def suggest_classifications(*, recommendation_ids=None):
    """Suggest issues and a category for the given recommendations, or for every one without issues.

    Queue it after an import (``transaction.on_commit``); running it twice does nothing more, since
    recommendations that already have a suggestion are skipped.
    """
    recommendations = recommendations_needing_suggestions()
    if recommendation_ids is not None:
        recommendations = recommendations.filter(pk__in=recommendation_ids)
    try:
        suggestions = suggest_for(recommendations.only("pk", "text"))
    except NoModelError as error:
        logger.warning("No classification suggestions: %s", error)
        return 0
    return len(suggestions)
