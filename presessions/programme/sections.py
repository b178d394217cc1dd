"""Extension point: sections that higher apps add to the public panel page.

After the round, the briefs app shows the panel's published statements and briefs there. presessions
imports nothing from it: a provider is registered in the higher app's ``AppConfig.ready()`` with
``register_panel_section(provider)``; ``provider(presession)`` returns a ``PanelSection`` or ``None``.
"""

from dataclasses import dataclass, field

_PROVIDERS = []


@dataclass(frozen=True)
class PanelSection:
    template: str
    context: dict = field(default_factory=dict)


def register_panel_section(provider):
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def panel_sections(presession):
    """The sections every registered provider gives for this panel, in registration order."""
    return [section for section in (provider(presession) for provider in _PROVIDERS) if section is not None]
