"""The published statements and briefs of a panel, as a section of the programme's public panel page."""

from presessions.programme.sections import PanelSection

from . import selectors


def published_section(presession):
    """``None`` until staff publish the panel after the round (and again once they unpublish it)."""
    brief = selectors.published_brief(presession.token)
    if brief is None:
        return None
    return PanelSection(
        "briefs/_panel_public_section.html",
        {
            "presession": brief.presession,
            "statements": selectors.public_statements(brief.presession),
            "documents": selectors.public_documents(brief.presession),
        },
    )
