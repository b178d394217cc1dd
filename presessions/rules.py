"""Permissions on rounds, calls and Pre-sessions."""

import rules

from core.rules import is_secretariat

rules.add_perm("presessions.manage_rounds", is_secretariat)
