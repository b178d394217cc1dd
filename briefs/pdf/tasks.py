"""Thin Celery task: build one PDF document."""

import logging

from celery import shared_task

from .build import build_document
from .models import BriefDocument

logger = logging.getLogger(__name__)


@shared_task(name="briefs.render_document", acks_late=True, ignore_result=True)
def render_document(*, document_id):
    """Render the document (a no-op when its sources did not change); a failure is stored on the row."""
    if not BriefDocument.objects.filter(pk=document_id).exists():
        logger.warning("brief document %s no longer exists", document_id)
        return None
    document, rendered = build_document(document_id)
    logger.info("brief document %s: %s", document_id, "rendered" if rendered else "unchanged")
    return document.pk
