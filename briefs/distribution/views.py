"""The personal brief link (no login) and the staff page that sends the brief."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from briefs.compilation.selectors import panel
from briefs.pdf.views import pdf_response
from core.access import guard, public
from core.errors import DomainError

from . import selectors, services


@public
@require_GET
def brief_link(request, token):
    recipient = selectors.live_link(token)
    if recipient is None:
        raise Http404
    document = selectors.document_for(recipient)
    if document is None:
        raise Http404
    services.record_download(recipient)
    response = pdf_response(document, inline=True)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _panel(request, token, **kwargs):
    presession = panel(token)
    if presession is None:
        raise Http404
    return presession


@guard("briefs.manage_briefs", get_object=_panel)
def recipients(request, token, obj):
    context = {"presession": obj, "recipients": selectors.recipients_of(obj)}
    return render(request, "briefs/recipient_list.html", context)


@require_POST
@guard("briefs.manage_briefs", get_object=_panel)
def distribute(request, token, obj):
    audience = request.POST.get("audience", services.ACCEPTED)
    if audience not in (services.ACCEPTED, services.INVITED):
        raise Http404
    try:
        queued = services.distribute_brief(
            obj, actor=request.user, audience=audience, speakers=request.POST.get("speakers") == "1"
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(count)s personal links queued.") % {"count": queued})
    return redirect("briefs:recipients", token=token)
