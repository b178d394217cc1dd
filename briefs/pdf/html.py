"""The HTML of briefs, info sheets and round books, in a given language (also the browser preview)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from briefs.compilation.selectors import compile_brief
from core.mail import SITE_NAME
from presessions.models import Presession


def _render(template, context, language):
    with translation.override(language):
        context = {"LANGUAGE_CODE": language, "SITE_NAME": SITE_NAME, "SITE_URL": settings.SITE_URL} | context
        context["title"] = str(context["title"]())
        return context["title"], render_to_string(template, context)


def brief_html(presession, *, language, sheet=False):
    """``(title, html)`` of the panel's brief (or one-page info sheet)."""

    def title():
        values = {"state": presession.review.state.name, "round": presession.round}
        if sheet:
            return _("Info sheet: %(state)s — %(round)s") % values
        return _("Brief: %(state)s — %(round)s") % values

    with translation.override(language):
        compiled = compile_brief(presession)
    return _render("briefs/pdf/brief.html", {"compiled": compiled, "sheet": sheet, "title": title}, language)


def book_html(round_, *, language):
    """``(title, html)`` of the round book: every panel with an approved statement, in programme order."""
    presessions = (
        Presession.objects.filter(round=round_)
        .exclude(status=Presession.Status.CANCELLED)
        .select_related("round", "review__state", "review__session", "room")
        .order_by("starts_at", "review__order", "review__state__name_en")
    )
    with translation.override(language):
        panels = [compiled for p in presessions if (compiled := compile_brief(p)).speakers]
    return _render(
        "briefs/pdf/book.html",
        {"round": round_, "panels": panels, "title": lambda: _("Briefs — %(round)s") % {"round": round_}},
        language,
    )
