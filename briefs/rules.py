"""The permissions of every briefs package (django-rules' autodiscovery imports this module)."""

from .compilation import rules as compilation_rules

__all__ = ["compilation_rules"]
