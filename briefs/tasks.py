"""The tasks of every briefs package (Celery's autodiscovery imports this module)."""

from .pdf.tasks import render_document

__all__ = ["render_document"]
