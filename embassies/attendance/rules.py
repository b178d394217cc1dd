"""Who checks delegates in and reads the figures: the secretariat."""

import rules

from core.rules import is_secretariat

rules.add_perm("embassies.manage_attendance", is_secretariat)
