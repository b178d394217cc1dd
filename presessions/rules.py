"""Permissions on rounds, calls and Pre-sessions."""

import rules

from core.rules import is_secretariat

from .programme import rules as programme_rules  # noqa: F401 (the programme's permissions)

rules.add_perm("presessions.manage_rounds", is_secretariat)
