"""Permissions of briefs: the secretariat compiles, builds, distributes and publishes them."""

import rules

from core.rules import is_secretariat

rules.add_perm("briefs.manage_briefs", is_secretariat)
