"""Admin registrations of the embassies app, defined in its packages."""

from embassies.attendance import admin as attendance_admin  # noqa: F401
from embassies.invitations import admin as invitations_admin  # noqa: F401
from embassies.missions import admin as missions_admin  # noqa: F401
