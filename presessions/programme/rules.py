"""Permissions on the programme (imported by ``presessions/rules.py``, which django-rules discovers)."""

import rules

from core.rules import is_secretariat

rules.add_perm("presessions.manage_programme", is_secretariat)
