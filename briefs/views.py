"""Staff pages over every briefs package: the round's panels and documents, editing a brief, previews."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.access import guard
from core.errors import DomainError
from presessions.models import Round

from .compilation import selectors, services
from .compilation.forms import BriefForm
from .pdf.html import book_html, brief_html
from .pdf.selectors import panel_documents, round_documents

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _panel(request, token, **kwargs):
    presession = selectors.panel(token)
    if presession is None:
        raise Http404
    return presession


def _language(language):
    if language not in LANGUAGES:
        raise Http404
    return language


@guard("briefs.manage_briefs")
def round_briefs(request, number):
    round_ = get_object_or_404(Round, number=number)
    context = {"round": round_, "panels": selectors.presessions_with_briefs(round_), "languages": LANGUAGES}
    context["documents"] = round_documents(round_)
    return render(request, "briefs/round_briefs.html", context)


@guard("briefs.manage_briefs", get_object=_panel)
def brief_edit(request, token, obj):
    brief = selectors.brief_of(obj)
    statements = selectors.approved_statements(obj, brief)
    form = BriefForm(
        request.POST or None,
        statements=statements,
        initial={"summary": brief.summary, "contacts": brief.contacts},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_brief(
                obj,
                actor=request.user,
                summary=form.cleaned_data["summary"],
                contacts=form.cleaned_data["contacts"],
                statement_order=form.statement_order(),
            )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Brief saved."))
            return redirect("briefs:edit", token=token)
    context = {
        "presession": obj,
        "brief": brief,
        "form": form,
        "statements": statements,
        "languages": LANGUAGES,
        "documents": panel_documents(obj),
    }
    return render(request, "briefs/brief_form.html", context)


@guard("briefs.manage_briefs", get_object=_panel)
def brief_preview(request, token, language, kind, obj):
    if kind not in ("brief", "sheet"):
        raise Http404
    _title, html = brief_html(obj, language=_language(language), sheet=kind == "sheet")
    return HttpResponse(html)


@guard("briefs.manage_briefs")
def book_preview(request, number, language):
    round_ = get_object_or_404(Round, number=number)
    _title, html = book_html(round_, language=_language(language))
    return HttpResponse(html)
