"""Permissions of selection (django-rules predicates named like questions)."""

import rules

from core.rules import is_secretariat, is_signed_in

from ..applications.rules import is_application_member

rules.add_perm("speakers.manage_selection", is_secretariat)
rules.add_perm("speakers.export_applications", is_secretariat)
rules.add_perm("speakers.respond_to_selection", is_signed_in & is_application_member)
