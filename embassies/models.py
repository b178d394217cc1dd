"""Models of the embassies app, defined in its packages by concept."""

from embassies.attendance.models import CheckIn
from embassies.invitations.models import Invitation, Reminder
from embassies.missions.models import Diplomat, PermanentMission

__all__ = ["CheckIn", "Diplomat", "Invitation", "PermanentMission", "Reminder"]
