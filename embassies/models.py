"""Models of the embassies app, defined in its packages by concept."""

from embassies.invitations.models import Invitation
from embassies.missions.models import Diplomat, PermanentMission

__all__ = ["Diplomat", "Invitation", "PermanentMission"]
