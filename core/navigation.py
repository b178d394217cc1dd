"""Navigation per role.

Links are declared by URL name. A name that does not resolve (an app that is not installed or not
merged yet) is left out, so the layout never breaks and a new area shows up as soon as its URLs exist.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from . import rules as predicates


@dataclass(frozen=True)
class Link:
    """``url_name`` may be a tuple of candidates: the first that resolves is used."""

    url_name: str | tuple
    label: str
    description: str = ""


@dataclass(frozen=True)
class Area:
    """The links one role gets, with a heading for the dashboard."""

    key: str
    heading: str
    predicate: object
    links: tuple


AREAS = (
    Area(
        "applicant",
        _("Applications"),
        predicates.is_applicant,
        (
            Link(
                ("applications:application_list", "speakers:my_applications"),
                _("My applications"),
                _("Apply to speak at a Pre-session and follow your applications."),
            ),
            Link(
                "organisations:organisation_list",
                _("My organisations"),
                _("The organisations you apply for, and who else works on their applications."),
            ),
        ),
    ),
    Area(
        "reviewer",
        _("Reviews"),
        predicates.is_reviewer,
        (
            Link(
                ("review:my_reviews", "speakers:review_list"),
                _("My reviews"),
                _("Score the applications assigned to you."),
            ),
        ),
    ),
    Area(
        "staff",
        _("Secretariat"),
        predicates.is_secretariat,
        (
            Link("presessions:round_list", _("Rounds"), _("Pre-session rounds, calls and programmes.")),
            Link(
                "upr:recommendation_search",
                _("Recommendations"),
                _("Search past UPR recommendations."),
            ),
            Link(
                "upr:suggestion_list",
                _("Classification suggestions"),
                _("Confirm the issues and action categories suggested for new recommendations."),
            ),
            Link(
                "embassies:mission_list",
                _("Permanent Missions"),
                _("Missions in Geneva and their diplomats: contacts, portfolios, rotation."),
            ),
            Link(
                "embassies:invitation_overview",
                _("Invitations"),
                _("Guest lists of the panels, invitations, answers, reminders and attendance."),
            ),
            Link(
                ("core:outbox_list", "core:outbox"),
                _("Outbox"),
                _("Outgoing e-mail, failures and resending."),
            ),
            Link(("core:audit_list", "core:audit"), _("Audit trail"), _("Who changed what, and when.")),
            Link("admin:index", _("Admin"), _("Reference data, users and records.")),
        ),
    ),
    Area(
        "diplomat",
        _("Invitations"),
        predicates.is_diplomat,
        (
            Link(
                ("embassies:my_invitations", "embassies:invitation_list"),
                _("My invitations"),
                _("Pre-sessions your Mission is invited to."),
            ),
        ),
    ),
)


def resolve_name(url_name):
    for name in (url_name,) if isinstance(url_name, str) else url_name:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def areas_for(user):
    """The areas a user's roles open, each with only the links that exist: ``[(area, [(link, url)])]``."""
    result = []
    for area in AREAS:
        if not area.predicate(user):
            continue
        links = [(link, url) for link in area.links if (url := resolve_name(link.url_name))]
        if links:
            result.append((area, links))
    return result


# An area with more links than this is one disclosure group in the header (the menu never wraps to
# three rows on staff pages).
GROUP_ABOVE = 2


def menu_for(user, current_path=""):
    """The header menu: ``{"label", "url", "current"}`` links and ``{"label", "links", "current"}`` groups."""
    if not user.is_authenticated:
        return []
    entries = [_entry(_("Dashboard"), resolve_name("core:dashboard"), current_path)]
    for area, links in areas_for(user):
        items = [_entry(link.label, url, current_path) for link, url in links]
        if len(items) > GROUP_ABOVE:
            current = any(item["current"] for item in items)
            entries.append({"label": area.heading, "links": items, "current": current})
        else:
            entries.extend(items)
    entries.append(_entry(_("Profile"), resolve_name("core:profile"), current_path))
    return [entry for entry in entries if entry.get("url") or entry.get("links")]


def _entry(label, url, current_path):
    return {"label": label, "url": url, "current": bool(url) and _is_current(url, current_path)}


def _is_current(url, current_path):
    if not current_path:
        return False
    if url == "/":
        return current_path == "/"
    return current_path == url or current_path.startswith(url)
