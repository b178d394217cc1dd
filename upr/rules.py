"""Permissions on UPR data (django-rules)."""

import rules

from core.rules import is_secretariat

# Classification suggestions: the staff page, and confirming or rejecting a suggestion.
rules.add_perm("upr.view_suggestions", is_secretariat)
rules.add_perm("upr.decide_suggestion", is_secretariat)
