"""Menu entries of the embassies app (see ``core.navigation``)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Link, register

register(
    "staff",
    Link(
        "embassies:mission_list",
        _("Permanent Missions"),
        _("Missions in Geneva and their diplomats: contacts, portfolios, rotation."),
        order=30,
    ),
    Link(
        "embassies:invitation_overview",
        _("Invitations"),
        _("Guest lists of the panels, invitations, answers, reminders and attendance."),
        order=31,
    ),
)
