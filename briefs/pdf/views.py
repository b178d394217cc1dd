"""Staff: start builds, follow their progress, download the PDFs."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from briefs.compilation.selectors import panel
from core.access import guard
from presessions.models import Round

from . import selectors, services
from .models import BriefDocument

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _languages(request):
    chosen = [code for code in request.POST.getlist("language") if code in LANGUAGES]
    return chosen or ["en"]


def _document(request, token, **kwargs):
    document = selectors.document_by_token(token)
    if document is None:
        raise Http404
    return document


@require_POST
@guard("briefs.manage_briefs")
def build_panel(request, token):
    presession = panel(token)
    if presession is None:
        raise Http404
    for language in _languages(request):
        services.request_document(kind=BriefDocument.Kind.BRIEF, language=language, presession=presession)
        services.request_document(kind=BriefDocument.Kind.SHEET, language=language, presession=presession)
    messages.success(request, _("The PDFs are being built."))
    return redirect("briefs:edit", token=token)


@require_POST
@guard("briefs.manage_briefs")
def build_round(request, number):
    round_ = get_object_or_404(Round, number=number)
    services.request_round(round_, languages=_languages(request), book=request.POST.get("book") == "1")
    messages.success(request, _("The PDFs are being built."))
    return redirect("briefs:round", number=number)


@guard("briefs.manage_briefs", get_object=_document)
def document_status(request, token, obj):
    return render(request, "briefs/_document.html", {"document": obj})


def pdf_response(document, *, inline=False):
    if not document.is_ready:
        raise Http404
    place = document.presession.review.state.iso3 if document.presession else document.round.number
    name = f"{document.kind}-{place}-{document.language}.pdf"
    response = FileResponse(
        document.file.open("rb"), as_attachment=not inline, filename=name, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@guard("briefs.manage_briefs", get_object=_document)
def document_download(request, token, obj):
    response = pdf_response(obj)
    response["Cache-Control"] = "private, no-store"
    return response
