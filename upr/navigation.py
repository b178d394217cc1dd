"""Menu entries of the upr app (see ``core.navigation``)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Link, register

register(
    "staff",
    Link("upr:recommendation_search", _("Recommendations"), _("Search past UPR recommendations."), order=20),
    Link(
        "upr:suggestion_list",
        _("Classification suggestions"),
        _("Confirm the issues and action categories suggested for new recommendations."),
        order=21,
    ),
)
