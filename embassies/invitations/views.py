"""Staff pages on invitations: a panel's guest list (rules, preview, add, withdraw)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.access import guard
from core.errors import DomainError
from presessions.models import Presession

from . import selectors, services
from .forms import GuestRulesForm
from .models import Invitation
from .targeting import build_guest_list, panel_issues

PERM = "embassies.manage_invitations"


def _panel(request, token, **kwargs):
    try:
        return selectors.panel_by_token(token)
    except Presession.DoesNotExist:
        raise Http404 from None


@guard(PERM)
def invitation_overview(request):
    panels = selectors.panels_with_invitation_counts()
    return render(request, "embassies/invitation_overview.html", {"panels": panels})


@guard(PERM, gate=PERM, get_object=_panel)
def guest_list(request, token, obj):
    presession = obj
    data = request.POST if request.method == "POST" else (request.GET if "preview" in request.GET else None)
    form = GuestRulesForm(data, initial={"issues": panel_issues(presession), "troika": True})
    guests = None
    if data is not None and form.is_valid():
        guests = build_guest_list(presession, form.rules())
        if request.method == "POST":
            added = services.add_guests(presession, guests, by=request.user)
            messages.success(
                request,
                ngettext(
                    "%(count)d Mission added to the guest list.",
                    "%(count)d Missions added to the guest list.",
                    added,
                )
                % {"count": added},
            )
            return redirect("embassies:guest_list", token=presession.token)
    context = {
        "presession": presession,
        "form": form,
        "guests": guests,
        "invitations": selectors.invitations_of(presession),
        "counts": selectors.invitation_counts(presession),
    }
    return render(request, "embassies/guest_list.html", context)


@require_POST
@guard(PERM, gate=PERM, get_object=_panel)
def guest_withdraw(request, token, pk, obj):
    invitation = get_object_or_404(Invitation, presession=obj, pk=pk)
    try:
        services.withdraw_guest(invitation, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(mission)s is off the guest list.") % {"mission": invitation.mission})
    return redirect("embassies:guest_list", token=obj.token)
