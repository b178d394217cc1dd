"""Who may manage invitations: the secretariat."""

import rules

from core.rules import is_secretariat

rules.add_perm("embassies.manage_invitations", is_secretariat)
