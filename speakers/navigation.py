"""Menu entries of the speakers app (see ``core.navigation``)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Link, register

register(
    "applicant",
    Link(
        "applications:application_list",
        _("My applications"),
        _("Apply to speak at a Pre-session and follow your applications."),
        order=10,
    ),
    Link(
        "organisations:organisation_list",
        _("My organisations"),
        _("The organisations you apply for, and who else works on their applications."),
        order=20,
    ),
)
register("reviewer", Link("review:my_reviews", _("My reviews"), _("Score the applications assigned to you.")))
register(
    "staff",
    Link(
        "review:declarations",
        _("Conflict declarations"),
        _("Conflicts of interest declared by reviewers: confirm them to reassign applications."),
        order=15,
    ),
)
