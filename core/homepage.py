"""Sections of the public home page that higher apps contribute (core knows none of them).

An app registers a ``HomeSection`` in its ``AppConfig.ready()``: a template and a function that returns
that template's context for a request. The home view renders them in ``order``; with no section
registered the home page still explains the service and how to sign in.
"""

from collections.abc import Callable
from dataclasses import dataclass

_sections = []


@dataclass(frozen=True)
class HomeSection:
    key: str
    template_name: str
    context: Callable  # (request) -> dict, given to the template as ``section``
    order: int = 100


def register_home_section(section):
    """Add ``section`` once (a second registration under the same key replaces the first)."""
    _sections[:] = [existing for existing in _sections if existing.key != section.key]
    _sections.append(section)
    _sections.sort(key=lambda item: (item.order, item.key))


def home_sections(request):
    """``[(template name, context)]`` of every registered section, in order."""
    return [(section.template_name, section.context(request)) for section in _sections]
