"""Applicant pages (``/my/applications/...``): applying, editing a draft, following an application."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import guard
from core.files import UploadQuotaExceeded
from core.uploads import attachment_response
from presessions.calls import call_closes_at, is_call_open
from presessions.models import Presession

from ..organisations.selectors import organisations_of
from . import selectors, services
from .forms import ApplicationForm, StartApplicationForm, WithdrawForm
from .models import Application
from .rules import is_application_member

APPLY = "speakers.apply"
# ``?check=1`` on the form: the applicant just saved or tried to submit; what is still missing is
# announced (role="alert") and focused instead of waiting quietly at the top.
CHECK = "check"


def _check_url(token):
    return f"{reverse('applications:application_edit', args=[token])}?{CHECK}=1"


def _application(request, token, **_kwargs):
    """The application with this token, if the user may see it (404 otherwise: tokens are not guessable)."""
    application = selectors.application_with_timeline(selectors.applications_of(request.user), token)
    if application is None:
        raise Http404
    return application


@guard(APPLY)
def application_list(request):
    applications = selectors.applications_of(request.user)
    return render(request, "speakers/application_list.html", {"applications": applications})


@guard(APPLY)
def application_start(request, presession_token):
    presession = get_object_or_404(
        Presession.objects.select_related("round", "review__state"), token=presession_token
    )
    organisations = organisations_of(request.user)
    if not organisations:
        messages.info(request, _("First tell us about your organisation."))
        return redirect("organisations:organisation_create")
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
            return redirect("applications:application_edit", token=application.token)
    context = {
        "form": form,
        "presession": presession,
        "closes_at": call_closes_at(presession),
        "is_open": is_call_open(presession),
    }
    return render(request, "speakers/application_start.html", context)


@guard("speakers.view_application", get_object=_application, gate=APPLY)
def application_detail(request, token, obj):
    application = obj
    context = {
        "application": application,
        "missing": services.missing_for_submission(application) if application.is_editable else [],
        "closes_at": call_closes_at(application.presession),
        "can_edit": request.user.has_perm("speakers.change_application", application),
        "can_withdraw": request.user.has_perm("speakers.withdraw_application", application),
        "can_download": request.user.has_perm("speakers.download_application_files", application),
    }
    return render(request, "speakers/application_detail.html", context)


@guard("speakers.change_application", get_object=_application, gate=APPLY)
def application_edit(request, token, obj):
    application = obj
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
            saved = services.update_draft_application(
                application, user=request.user, answers=form.answers(), **form.model_data()
            )
        except UploadQuotaExceeded as error:
            # Nothing was saved: the form comes back with everything typed, to save without the file.
            form.add_error(None, str(error))
        except services.ApplicationError as error:
            messages.error(request, str(error))
            return redirect("applications:application_detail", token=token)
        else:
            messages.success(request, _("Draft saved. You can come back and change it until you submit it."))
            if services.missing_for_submission(saved):
                return redirect(_check_url(token))
            return redirect("applications:application_detail", token=token)
    context = {
        "application": application,
        "form": form,
        "problems": form.problems(() if form.is_bound else services.missing_for_submission(application)),
        "alert": form.is_bound or CHECK in request.GET,
        "closes_at": call_closes_at(application.presession),
    }
    return render(request, "speakers/application_form.html", context)


@guard("speakers.view_application", get_object=_application, gate=APPLY)
@require_POST
def application_submit(request, token, obj):
    application = obj
    if not request.user.has_perm("speakers.submit_application", application):
        if application.status == Application.Status.SUBMITTED and is_application_member(
            request.user, application
        ):
            # A double-clicked submit: the first click did it.
            return redirect("applications:application_detail", token=token)
        raise PermissionDenied
    try:
        services.submit_application(application, actor=request.user)
    except services.IncompleteApplication:
        return redirect(_check_url(token))  # the form lists what is missing, each item a link to its field
    except services.ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is submitted. We sent you a confirmation by e-mail."))
    return redirect("applications:application_detail", token=token)


@guard("speakers.withdraw_application", get_object=_application, gate=APPLY)
def application_withdraw(request, token, obj):
    application = obj
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_application(application, actor=request.user, reason=form.cleaned_data["reason"])
        except services.ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your application is withdrawn. The secretariat has been told."))
        return redirect("applications:application_detail", token=token)
    return render(request, "speakers/application_withdraw.html", {"application": application, "form": form})


@guard("speakers.download_application_files", get_object=_application, gate=APPLY)
def application_file(request, token, obj):
    application = obj
    if not application.submission_file:
        raise Http404
    return attachment_response(application.submission_file, f"submission-{application.token[:8]}")


@guard("speakers.download_application_files", get_object=_application, gate=APPLY)
def answer_file(request, token, question_pk, obj):
    application = obj
    answer = next((a for a in application.answers.all() if a.question_id == question_pk), None)
    if answer is None or not answer.file:
        raise Http404
    return attachment_response(answer.file, f"answer-{question_pk}-{application.token[:8]}")
