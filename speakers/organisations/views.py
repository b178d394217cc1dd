"""Applicant pages (``/my/organisations/...``): the organisations a user acts for, members, joining."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import guard

from . import selectors, services
from .forms import InviteForm, JoinForm, OrganisationForm
from .models import Organisation

APPLY = "speakers.apply"
CHANGE = "speakers.change_organisation"


def _organisation(request, pk, **_kwargs):
    return get_object_or_404(Organisation, pk=pk)


@guard(APPLY)
def organisation_list(request):
    context = {
        "organisations": selectors.organisations_of(request.user),
        "invite_form": InviteForm(),
        "join_form": JoinForm(),
    }
    return render(request, "speakers/organisation_list.html", context)


@guard(APPLY)
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.create_organisation(user=request.user, **form.cleaned_data)
        messages.success(request, _("Organisation saved. You can now apply for a Pre-session."))
        return redirect("organisations:organisation_list")
    return render(request, "speakers/organisation_form.html", {"form": form})


@guard(CHANGE, get_object=_organisation, gate=APPLY)
def organisation_edit(request, pk, obj):
    organisation = obj
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.update_organisation(organisation, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Organisation saved."))
        return redirect("organisations:organisation_list")
    return render(request, "speakers/organisation_form.html", {"form": form, "organisation": organisation})


@guard(CHANGE, get_object=_organisation, gate=APPLY)
@require_POST
def organisation_invite(request, pk, obj):
    organisation = obj
    form = InviteForm(request.POST)
    if form.is_valid():
        services.invite_to_organisation(
            organisation=organisation, email=form.cleaned_data["email"], invited_by=request.user
        )
        messages.success(request, _("Invitation sent."))
    else:
        messages.error(request, _("Enter a valid e-mail address."))
    return redirect("organisations:organisation_list")


@guard(CHANGE, get_object=_organisation, gate=APPLY)
@require_POST
def organisation_renew_token(request, pk, obj):
    organisation = obj
    services.renew_join_token(organisation=organisation)
    messages.success(request, _("A new join code was made; the old one no longer works."))
    return redirect("organisations:organisation_list")


@guard(APPLY)
def organisation_join(request, token=None):
    form = JoinForm(request.POST or None, initial={"token": token})
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.join_organisation_by_token(
                user=request.user, token=form.cleaned_data["token"]
            )
        except services.OrganisationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("You now act for %(organisation)s.") % {"organisation": membership.organisation.name},
            )
            return redirect("organisations:organisation_list")
    return render(request, "speakers/organisation_join.html", {"form": form})
