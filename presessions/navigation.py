"""Menu entries of the presessions app (see ``core.navigation``)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Link, register

register(
    "staff",
    Link("presessions:round_list", _("Rounds"), _("Pre-session rounds, calls and programmes."), order=10),
)
