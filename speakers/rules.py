"""The permissions of every speakers package, found by django-rules' autodiscovery through this module."""

from .applications import rules as applications_rules
from .organisations import rules as organisations_rules
from .review import rules as review_rules
from .selection import rules as selection_rules
from .statements import rules as statements_rules

__all__ = ["applications_rules", "organisations_rules", "review_rules", "selection_rules", "statements_rules"]
