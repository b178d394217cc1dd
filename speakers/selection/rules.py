"""Permissions of selection (django-rules predicates named like questions)."""

import rules

from core.rules import is_secretariat, is_signed_in

from ..applications.rules import acts_for_application

rules.add_perm("speakers.manage_selection", is_secretariat)
rules.add_perm("speakers.export_applications", is_secretariat)
# Confirming or declining a place follows the application: its creator (while a member) or an
# administrator of the organisation (the matrix in organisations/rules.py).
rules.add_perm("speakers.respond_to_selection", is_signed_in & acts_for_application)
