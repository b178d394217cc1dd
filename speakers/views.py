"""Applicant pages (``/my/...``): organisations, applying, following an application."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from core.uploads import attachment_response
from presessions.models import Presession

from . import selectors, services
from .forms import ApplicationForm, InviteForm, JoinForm, OrganisationForm, StartApplicationForm, WithdrawForm
from .models import Application, Organisation
from .rules import is_application_member


def applicant_view(perm="speakers.apply"):
    def decorate(view):
        return login_required(permission_required(perm, raise_exception=True)(view))

    return decorate


def _own_organisation(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    if not request.user.has_perm("speakers.change_organisation", organisation):
        raise PermissionDenied
    return organisation


def _application(request, token, perm="speakers.view_application"):
    """The application with this token, if the user may see it (404 otherwise: tokens are not guessable)."""
    application = selectors.application_with_timeline(selectors.applications_visible_to(request.user), token)
    if application is None:
        raise Http404
    if not request.user.has_perm(perm, application):
        raise PermissionDenied
    return application


# --- organisations ----------------------------------------------------------------------------------


@applicant_view()
def organisation_list(request):
    context = {
        "organisations": selectors.organisations_of(request.user),
        "invite_form": InviteForm(),
        "join_form": JoinForm(),
    }
    return render(request, "speakers/organisation_list.html", context)


@applicant_view()
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.create_organisation(user=request.user, **form.cleaned_data)
        messages.success(request, _("Organisation saved. You can now apply for a Pre-session."))
        return redirect("speakers:organisation_list")
    return render(request, "speakers/organisation_form.html", {"form": form})


@applicant_view()
def organisation_edit(request, pk):
    organisation = _own_organisation(request, pk)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Organisation saved."))
        return redirect("speakers:organisation_list")
    return render(request, "speakers/organisation_form.html", {"form": form, "organisation": organisation})


@applicant_view()
@require_POST
def organisation_invite(request, pk):
    organisation = _own_organisation(request, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        services.invite_to_organisation(
            organisation=organisation, email=form.cleaned_data["email"], invited_by=request.user
        )
        messages.success(request, _("Invitation sent."))
    else:
        messages.error(request, _("Enter a valid e-mail address."))
    return redirect("speakers:organisation_list")


@applicant_view()
@require_POST
def organisation_renew_token(request, pk):
    organisation = _own_organisation(request, pk)
    services.renew_join_token(organisation=organisation)
    messages.success(request, _("A new join code was made; the old one no longer works."))
    return redirect("speakers:organisation_list")


@applicant_view()
def organisation_join(request, token=None):
    form = JoinForm(request.POST or None, initial={"token": token})
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.join_organisation_by_token(
                user=request.user, token=form.cleaned_data["token"]
            )
        except services.ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("You now act for %(organisation)s.") % {"organisation": membership.organisation.name},
            )
            return redirect("speakers:organisation_list")
    return render(request, "speakers/organisation_join.html", {"form": form})


# --- applications -----------------------------------------------------------------------------------


@applicant_view()
def application_list(request):
    applications = selectors.applications_visible_to(request.user).filter(
        organisation__memberships__user=request.user
    )
    return render(request, "speakers/application_list.html", {"applications": applications})


@applicant_view()
def application_start(request, presession_token):
    presession = get_object_or_404(
        Presession.objects.select_related("round", "review__state"), token=presession_token
    )
    organisations = selectors.organisations_of(request.user)
    if not organisations:
        messages.info(request, _("First tell us about your organisation."))
        return redirect("speakers:organisation_create")
    form = StartApplicationForm(
        request.POST or None, organisations=organisations, initial={"form_token": uuid.uuid4()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.create_draft_application(
                presession=presession,
                organisation=form.cleaned_data["organisation"],
                user=request.user,
                form_token=form.cleaned_data["form_token"],
            )
        except services.ApplicationError as error:
            messages.error(request, str(error))
        else:
            return redirect("speakers:application_edit", token=application.token)
    context = {
        "form": form,
        "presession": presession,
        "closes_at": services.call_closes_at(presession),
        "is_open": services.is_call_open(presession),
    }
    return render(request, "speakers/application_start.html", context)


@applicant_view()
def application_detail(request, token):
    application = _application(request, token)
    context = {
        "application": application,
        "missing": services.missing_for_submission(application) if application.is_editable else [],
        "closes_at": services.call_closes_at(application.presession),
        "can_edit": request.user.has_perm("speakers.change_application", application),
        "can_withdraw": request.user.has_perm("speakers.withdraw_application", application),
    }
    return render(request, "speakers/application_detail.html", context)


@applicant_view()
def application_edit(request, token):
    application = _application(request, token, "speakers.change_application")
    questions = list(application.presession.round.questions.all())
    answers = {a.question_id: a for a in application.answers.all()}
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        instance=application,
        questions=questions,
        answers=answers,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft_application(
                application, user=request.user, answers=form.answers(), **form.model_data()
            )
        except services.ApplicationError as error:
            messages.error(request, str(error))
            return redirect("speakers:application_detail", token=token)
        messages.success(request, _("Draft saved. You can come back and change it until you submit it."))
        return redirect("speakers:application_detail", token=token)
    context = {
        "application": application,
        "form": form,
        "closes_at": services.call_closes_at(application.presession),
    }
    return render(request, "speakers/application_form.html", context)


@applicant_view()
@require_POST
def application_submit(request, token):
    application = _application(request, token)
    if not request.user.has_perm("speakers.submit_application", application):
        if application.status == Application.Status.SUBMITTED and is_application_member(
            request.user, application
        ):
            # A double-clicked submit: the first click did it.
            return redirect("speakers:application_detail", token=token)
        raise PermissionDenied
    try:
        services.submit_application(application, actor=request.user)
    except services.ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is submitted. We sent you a confirmation by e-mail."))
    return redirect("speakers:application_detail", token=token)


@applicant_view()
def application_withdraw(request, token):
    application = _application(request, token, "speakers.withdraw_application")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_application(application, actor=request.user, reason=form.cleaned_data["reason"])
        except services.ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your application is withdrawn. The secretariat has been told."))
        return redirect("speakers:application_detail", token=token)
    return render(request, "speakers/application_withdraw.html", {"application": application, "form": form})


@applicant_view()
def application_file(request, token):
    application = _application(request, token)
    if not application.submission_file:
        raise Http404
    return attachment_response(application.submission_file, f"submission-{application.token[:8]}")


@applicant_view()
def answer_file(request, token, question_pk):
    application = _application(request, token)
    answer = next((a for a in application.answers.all() if a.question_id == question_pk), None)
    if answer is None or not answer.file:
        raise Http404
    return attachment_response(answer.file, f"answer-{question_pk}-{application.token[:8]}")
