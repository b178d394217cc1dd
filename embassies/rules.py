"""Permissions of the embassies app (autodiscovered by django-rules), defined in its packages."""

from embassies.attendance import rules as attendance_rules  # noqa: F401
from embassies.invitations import rules as invitations_rules  # noqa: F401
from embassies.missions import rules as missions_rules  # noqa: F401
