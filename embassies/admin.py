"""Admin registrations of the embassies app, defined in its packages."""

from embassies.missions import admin as missions_admin  # noqa: F401
