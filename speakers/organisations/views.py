"""Applicant pages (``/my/organisations/...``): the organisations a user acts for, members, joining.

Administrators manage (``speakers.manage_organisation``), members see and may leave; the rights matrix
is in ``rules.py`` and the services check it again.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import guard
from core.confirmation import render_confirmation

from . import selectors, services
from .forms import InviteForm, JoinForm, OrganisationForm, RoleForm
from .models import Organisation, OrganisationMembership

APPLY = "speakers.apply"
MANAGE = "speakers.manage_organisation"
LEAVE = "speakers.leave_organisation"


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


@guard(MANAGE, get_object=_organisation, gate=APPLY)
def organisation_edit(request, pk, obj):
    organisation = obj
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.update_organisation(organisation, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Organisation saved."))
        return redirect("organisations:organisation_list")
    return render(request, "speakers/organisation_form.html", {"form": form, "organisation": organisation})


@guard(MANAGE, get_object=_organisation, gate=APPLY)
@require_POST
def organisation_invite(request, pk, obj):
    organisation = obj
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite_to_organisation(
                organisation=organisation, email=form.cleaned_data["email"], invited_by=request.user
            )
        except services.OrganisationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Invitation sent."))
    else:
        messages.error(request, _("Enter a valid e-mail address."))
    return redirect("organisations:organisation_list")


@guard(MANAGE, get_object=_organisation, gate=APPLY)
@require_http_methods(["GET", "POST"])
def organisation_renew_token(request, pk, obj):
    organisation = obj
    if request.method == "GET":
        return render_confirmation(
            request,
            title=_("Make a new join code for %(organisation)s?") % {"organisation": organisation.name},
            message=_(
                "The current code stops working at once: colleagues who have it but have not joined yet "
                "will need the new one."
            ),
            confirm_label=_("Make a new code"),
            cancel_url=reverse("organisations:organisation_list"),
        )
    services.renew_join_token(organisation=organisation, actor=request.user)
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


def _membership(organisation, membership_pk):
    return get_object_or_404(
        OrganisationMembership.objects.select_related("user", "organisation"),
        pk=membership_pk,
        organisation=organisation,
    )


def _person(user):
    name = user.get_full_name()
    return name if name == user.email else f"{name} ({user.email})"


def _members_url(organisation):
    return reverse("organisations:organisation_members", args=[organisation.pk])


@guard(MANAGE, get_object=_organisation, gate=APPLY)
def organisation_members(request, pk, obj):
    context = {
        "organisation": obj,
        "memberships": selectors.members_of(obj),
        "role_choices": OrganisationMembership.Role.choices,
    }
    return render(request, "speakers/organisation_members.html", context)


@guard(MANAGE, get_object=_organisation, gate=APPLY)
@require_POST
def organisation_member_role(request, pk, membership_pk, obj):
    membership = _membership(obj, membership_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
        return redirect(_members_url(obj))
    try:
        services.change_member_role(membership, role=form.cleaned_data["role"], actor=request.user)
    except services.OrganisationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(person)s is now: %(role)s.")
            % {
                "person": _person(membership.user),
                "role": OrganisationMembership.Role(form.cleaned_data["role"]).label,
            },
        )
    return redirect(_members_url(obj))


@guard(MANAGE, get_object=_organisation, gate=APPLY)
@require_http_methods(["GET", "POST"])
def organisation_member_remove(request, pk, membership_pk, obj):
    membership = _membership(obj, membership_pk)
    person = _person(membership.user)
    if request.method == "GET":
        return render_confirmation(
            request,
            title=_("Remove %(person)s?") % {"person": person},
            message=_(
                "%(person)s will no longer act for %(organisation)s and loses access to its applications "
                "at once. The join code will be renewed."
            )
            % {"person": person, "organisation": obj.name},
            confirm_label=_("Remove"),
            cancel_url=_members_url(obj),
        )
    try:
        services.remove_member(membership, actor=request.user)
    except services.OrganisationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(person)s no longer acts for the organisation.") % {"person": person})
    return redirect(_members_url(obj))


@guard(LEAVE, get_object=_organisation)
@require_http_methods(["GET", "POST"])
def organisation_leave(request, pk, obj):
    if request.method == "GET":
        return render_confirmation(
            request,
            title=_("Leave %(organisation)s?") % {"organisation": obj.name},
            message=_(
                "You will no longer act for %(organisation)s nor see its applications. To come back you "
                "need a new invitation or the join code."
            )
            % {"organisation": obj.name},
            confirm_label=_("Leave the organisation"),
            cancel_url=reverse("organisations:organisation_list"),
        )
    try:
        services.leave_organisation(user=request.user, organisation=obj)
    except services.OrganisationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You no longer act for %(organisation)s.") % {"organisation": obj.name})
    return redirect("organisations:organisation_list")
