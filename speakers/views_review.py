"""Reviewer pages (``/review/...``, MFA enforced by the middleware) and the speaker's confirmation page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services_review, services_selection
from .access import permission
from .forms_review import AssessmentForm, ConflictForm, RespondForm
from .models import Application
from .models_review import ConflictOfInterest
from .presenters import reviewer_view
from .selectors_review import applications_for_reviewer, criteria_for


def _assigned_application(request, pk):
    """Only an application assigned to this reviewer and free of conflicts exists for them (else 404)."""
    return get_object_or_404(applications_for_reviewer(request.user), pk=pk)


@permission("speakers.view_my_reviews")
def my_reviews(request):
    applications = list(applications_for_reviewer(request.user))
    rows = [reviewer_view(application) for application in applications]
    done = sum(1 for row in rows if row.assessment is not None and row.assessment.is_submitted)
    return render(request, "speakers/assessment_list.html", {"rows": rows, "done": done, "total": len(rows)})


@require_http_methods(["GET", "POST"])
@permission("speakers.view_review_application", _assigned_application, gate="speakers.view_my_reviews")
def assess(request, pk, obj):
    application = obj
    view = reviewer_view(application)
    criteria = list(criteria_for(application.presession.round))
    can_assess = request.user.has_perm("speakers.assess_application", application)
    form = AssessmentForm(request.POST or None, criteria=criteria, assessment=view.assessment)
    if request.method == "POST":
        if not can_assess:
            messages.error(request, _("This application is no longer open for review."))
            return redirect("review:assess", pk=application.pk)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                services_review.save_assessment(
                    reviewer=request.user,
                    application=application,
                    values=form.values(),
                    comment=form.cleaned_data["comment"],
                    submit=submit,
                )
            except services_review.ReviewError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Your assessment was submitted.") if submit else _("Draft saved.")
                )
                return redirect(
                    "review:my_reviews" if submit else "review:assess", **({} if submit else {"pk": pk})
                )
    return render(
        request,
        "speakers/assessment_form.html",
        {"view": view, "form": form, "criteria": criteria, "can_assess": can_assess},
    )


@require_http_methods(["GET", "POST"])
@permission("speakers.declare_conflict")
def conflicts(request):
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services_review.declare_conflict(
            reviewer=request.user,
            organisation=form.cleaned_data["organisation"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Conflict recorded: you will not see this organisation's applications."))
        return redirect("review:conflicts")
    declared = ConflictOfInterest.objects.filter(reviewer=request.user).select_related("organisation")
    return render(request, "speakers/conflictofinterest_list.html", {"form": form, "declared": declared})


def _application_by_token(request, token):
    return get_object_or_404(
        Application.objects.select_related("organisation", "presession__round", "presession__review__state"),
        token=token,
    )


@require_http_methods(["GET", "POST"])
@permission("speakers.respond_to_selection", _application_by_token)
def respond(request, token, obj):
    """``/my/applications/<token>/confirm/``: the organisation confirms or declines its selected speaker."""
    application = obj
    form = RespondForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["answer"] == "confirm"
        try:
            services_selection.respond_to_selection(
                application, actor=request.user, accept=accept, reason=form.cleaned_data["reason"]
            )
        except (services_selection.SelectionError, services_selection.services.ApplicationError) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Thank you: your speaker's participation is confirmed.")
                if accept
                else _("Thank you for letting us know. We have told the organisers."),
            )
        return redirect("review:respond", token=application.token)
    return render(request, "speakers/application_confirm.html", {"application": application, "form": form})
