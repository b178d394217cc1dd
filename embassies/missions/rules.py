"""Who may manage Missions and diplomats: the secretariat."""

import rules

from core.rules import is_secretariat

rules.add_perm("embassies.manage_missions", is_secretariat)
