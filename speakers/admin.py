"""The admin of every speakers package, found by Django's admin autodiscovery through this module."""

from .applications import admin as applications_admin
from .lineup import admin as lineup_admin
from .organisations import admin as organisations_admin
from .review import admin as review_admin
from .statements import admin as statements_admin

__all__ = ["applications_admin", "lineup_admin", "organisations_admin", "review_admin", "statements_admin"]
