"""The published briefs' PDFs and the round's feed (the statements show on the programme's public panel
page, ``sections.py``); staff publish and unpublish."""

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from briefs.compilation.selectors import panel
from briefs.pdf.views import pdf_response
from core.access import guard, public
from core.confirmation import render_confirmation
from core.errors import DomainError
from core.links import absolute_url
from presessions.models import Round

from . import selectors, services


@public
def panel_pdf(request, token, language):
    brief = selectors.published_brief(token)
    if brief is None:
        raise Http404
    document = next((d for d in selectors.public_documents(brief.presession) if d.language == language), None)
    if document is None:
        raise Http404
    return pdf_response(document, inline=True)


class RoundFeed(Feed):
    """An RSS feed of the round's published panels (links only, nothing tracked)."""

    def get_object(self, request, token):
        return get_object_or_404(Round, token=token)

    def title(self, obj):
        return _("Published statements and briefs — %(round)s") % {"round": obj}

    def link(self, obj):
        return absolute_url("core:home")

    def items(self, obj):
        return selectors.published_briefs(obj)

    def item_title(self, item):
        return str(item.presession.review.state.name)

    def item_description(self, item):
        return _("Statements and brief of the Pre-session on %(state)s.") % {
            "state": item.presession.review.state.name
        }

    def item_link(self, item):
        return absolute_url("presessions:public_panel", token=item.presession.token)

    def item_pubdate(self, item):
        return item.published_at


round_feed = public(RoundFeed())


@require_POST
@guard("briefs.manage_briefs")
def publish(request, token):
    presession = panel(token)
    if presession is None:
        raise Http404
    try:
        if request.POST.get("publish") == "1":
            services.publish_panel(presession, actor=request.user)
            messages.success(request, _("Published on the public panel page."))
        else:
            services.unpublish_panel(presession, actor=request.user)
            messages.success(request, _("Unpublished everywhere."))
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("briefs:edit", token=token)


@require_http_methods(["GET", "POST"])
@guard("briefs.manage_briefs")
def unpublish_all(request, number):
    round_ = get_object_or_404(Round, number=number)
    if request.method == "GET":
        return render_confirmation(
            request,
            title=_("Unpublish every panel of the round?"),
            message=_("The briefs of %(round)s will leave the public pages and the feed.")
            % {"round": round_},
            confirm_label=_("Unpublish every panel"),
            cancel_url=reverse("briefs:round", args=[number]),
        )
    count = services.unpublish_round(round_, actor=request.user)
    messages.success(request, _("%(count)s panels unpublished everywhere.") % {"count": count})
    return redirect("briefs:round", number=number)
