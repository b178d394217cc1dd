"""Permissions of the UPR app (django-rules, autodiscovered)."""

import rules

from core.rules import is_secretariat

rules.add_perm("upr.search_recommendations", is_secretariat)
rules.add_perm("upr.export_recommendations", is_secretariat)
rules.add_perm("upr.view_state_history", is_secretariat)
rules.add_perm("upr.view_targeting", is_secretariat)
rules.add_perm("upr.import_recommendations", is_secretariat)

# Classification suggestions: the staff page, and confirming or rejecting a suggestion.
rules.add_perm("upr.view_suggestions", is_secretariat)
rules.add_perm("upr.decide_suggestion", is_secretariat)
