"""Navigation per role: each app declares its own menu entries, core lays them out.

An app's ``navigation.py`` calls ``register(area_key, Link(...), ...)`` when it is imported;
``CoreConfig.ready()`` imports every installed app's ``navigation`` module (Django's
``autodiscover_modules``). Core knows the areas (one per role, with its heading and predicate) but
names no URL of another app. A URL name that does not resolve is an error, at start-up (the system
check ``core.E001`` in ``core.checks``) and in the tests, never a silently missing link.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import rules as predicates


@dataclass(frozen=True)
class Link:
    """A menu entry; ``order`` places it within its area (lower first)."""

    url_name: str
    label: str
    description: str = ""
    order: int = 50


@dataclass(frozen=True)
class Area:
    """The links one role gets, with a heading for the dashboard."""

    key: str
    heading: str
    predicate: object


AREAS = (
    Area("applicant", _("Applications"), predicates.is_applicant),
    Area("reviewer", _("Reviews"), predicates.is_reviewer),
    Area("staff", _("Secretariat"), predicates.is_secretariat),
    Area("diplomat", _("Invitations"), predicates.is_diplomat),
)
_AREA_KEYS = {area.key for area in AREAS}
_LINKS = {area.key: [] for area in AREAS}


def register(area_key, *links):
    """Add ``links`` to the area ``area_key`` (idempotent: a link registered twice appears once)."""
    if area_key not in _AREA_KEYS:
        raise ValueError(f"Unknown navigation area {area_key!r}; the areas are {sorted(_AREA_KEYS)}.")
    for link in links:
        if link not in _LINKS[area_key]:
            _LINKS[area_key].append(link)


def links_of(area_key):
    return sorted(_LINKS[area_key], key=lambda link: (link.order, link.url_name))


def registered_links():
    """Every registered link, as ``(area_key, link)``."""
    return [(area.key, link) for area in AREAS for link in links_of(area.key)]


def areas_for(user):
    """The areas a user's roles open, with their links: ``[(area, [(link, url)])]``."""
    result = []
    for area in AREAS:
        if not area.predicate(user):
            continue
        links = [(link, reverse(link.url_name)) for link in links_of(area.key)]
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
    entries = [_entry(_("Dashboard"), reverse("core:dashboard"), current_path)]
    for area, links in areas_for(user):
        items = [_entry(link.label, url, current_path) for link, url in links]
        if len(items) > GROUP_ABOVE:
            current = any(item["current"] for item in items)
            entries.append({"label": area.heading, "links": items, "current": current})
        else:
            entries.extend(items)
    entries.append(_entry(_("Profile"), reverse("core:profile"), current_path))
    return entries


def _entry(label, url, current_path):
    return {"label": label, "url": url, "current": _is_current(url, current_path)}


def _is_current(url, current_path):
    if not current_path:
        return False
    if url == "/":
        return current_path == "/"
    return current_path == url or current_path.startswith(url)


register(
    "staff",
    Link("core:outbox_list", _("Outbox"), _("Outgoing e-mail, failures and resending."), order=80),
    Link("core:audit_list", _("Audit trail"), _("Who changed what, and when."), order=81),
    Link("admin:index", _("Admin"), _("Reference data, users and records."), order=90),
)
