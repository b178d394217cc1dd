"""Review pages: the reviewer's own (``/review/...``), the staff's set-up of a Round's review
(``/staff/rounds/<n>/...``: reviewer assignments, weighted criteria) and the staff's decisions on the
reviewers' conflict declarations (``/staff/conflicts/``). MFA is enforced by the middleware.

Thin views: forms validate, ``services`` write (and recompute totals), selectors read.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import guard
from core.confirmation import render_confirmation
from presessions.models import Round

from ..applications.models import Application
from . import services
from .forms import (
    AssessmentForm,
    AssignmentFilterForm,
    AssignReviewersForm,
    ConflictForm,
    DeclarationDecisionForm,
    RemoveAssignmentForm,
    ReviewCriterionForm,
)
from .models import ConflictDeclaration, ReviewCriterion, ReviewerAssignment
from .presenters import reviewer_view
from .selectors import (
    applications_for_reviewer,
    assignments_affected_by,
    criteria_for,
    criteria_with_usage,
    declarations_for_staff,
    declarations_of,
    pending_declaration_count,
    round_assignments,
    submitted_assessment_exists,
)

MANAGE = "speakers.manage_selection"
ASSIGNMENTS = "speakers.manage_reviewer_assignments"
CRITERIA = "speakers.manage_review_criteria"
DECLARATIONS = "speakers.decide_conflict_declarations"
PAGE_SIZE = 50


def _assigned_application(request, pk):
    """Only an application assigned to this reviewer and free of conflicts exists for them (else 404)."""
    return get_object_or_404(applications_for_reviewer(request.user), pk=pk)


@guard("speakers.view_my_reviews")
def my_reviews(request):
    applications = list(applications_for_reviewer(request.user))
    rows = [reviewer_view(application) for application in applications]
    done = sum(1 for row in rows if row.assessment is not None and row.assessment.is_submitted)
    return render(request, "speakers/assessment_list.html", {"rows": rows, "done": done, "total": len(rows)})


@require_http_methods(["GET", "POST"])
@guard("speakers.view_review_application", get_object=_assigned_application, gate="speakers.view_my_reviews")
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
                services.save_assessment(
                    reviewer=request.user,
                    application=application,
                    values=form.values(),
                    comment=form.cleaned_data["comment"],
                    submit=submit,
                )
            except services.ReviewError as error:
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
@guard("speakers.declare_conflict")
def conflicts(request):
    """The reviewer declares a conflict. The answer is the same whether or not the text names an
    organisation, and shows back only what the reviewer typed (see ``services.declare_conflict``)."""
    form = ConflictForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_conflict(
                reviewer=request.user,
                text=form.cleaned_data["organisation"],
                reason=form.cleaned_data["reason"],
            )
        except services.ReviewError as error:
            form.add_error(None, str(error))
            status = 429
        else:
            messages.success(
                request,
                _(
                    "Your declaration is recorded. The secretariat will review it "
                    "and reassign applications where needed."
                ),
            )
            return redirect("review:conflicts")
    elif request.method == "POST":
        status = 400
    declared = declarations_of(request.user)
    return render(
        request, "speakers/conflictofinterest_list.html", {"form": form, "declared": declared}, status=status
    )


@require_http_methods(["GET"])
@guard(DECLARATIONS)
def declarations(request):
    page = Paginator(declarations_for_staff(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "speakers/conflictdeclaration_list.html", {"page": page})


def _declaration(pk):
    return get_object_or_404(ConflictDeclaration.objects.select_related("reviewer", "decided_by"), pk=pk)


def _apply_decision(form, declaration, actor):
    """Call the service the staff member chose; return the message to show."""
    if form.cleaned_data["action"] == form.DISMISS:
        services.dismiss_conflict_declaration(declaration, actor=actor)
        return _("The declaration is dismissed; no conflict was recorded.")
    services.confirm_conflict_declaration(
        declaration, organisations=form.cleaned_data["organisations"], actor=actor
    )
    return _("The conflict is recorded: the reviewer is taken off these organisations' applications.")


@require_http_methods(["GET", "POST"])
@guard(DECLARATIONS)
def declaration_decide(request, pk):
    declaration = _declaration(pk)
    form = DeclarationDecisionForm(request.POST or None, declaration=declaration)
    if request.method == "POST" and form.is_valid():
        try:
            message = _apply_decision(form, declaration, request.user)
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, message)
            return redirect("review:declarations")
    context = {
        "declaration": declaration,
        "form": form,
        "affected": list(assignments_affected_by(declaration)) if declaration.is_pending else [],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "speakers/conflictdeclaration_decide.html", context, status=status)


@require_http_methods(["GET"])
@guard(MANAGE)
def round_review(request, number):
    round_ = get_object_or_404(Round, number=number)
    presessions = round_.presessions.select_related("review__state").order_by("review__state__name_en")
    return render(
        request,
        "speakers/round_review.html",
        {
            "round": round_,
            "criteria": criteria_for(round_),
            "presessions": presessions,
            "assign_form": AssignReviewersForm(round_=round_),
            "pending_declarations": pending_declaration_count(),
        },
    )


@require_POST
@guard(MANAGE)
def assign_reviewers(request, number):
    round_ = get_object_or_404(Round, number=number)
    form = AssignReviewersForm(request.POST, round_=round_)
    if not form.is_valid():
        messages.error(request, _("Choose at least one reviewer."))
        return redirect("review:round_review", number=round_.number)
    presession = form.cleaned_data["presession"]
    scope = (
        Application.objects.filter(presession=presession)
        if presession
        else Application.objects.filter(presession__round=round_)
    )
    created, skipped = services.assign_reviewers(
        applications=scope, reviewers=form.cleaned_data["reviewers"], actor=request.user
    )
    messages.success(
        request,
        _("%(created)s assignments made; %(skipped)s skipped because of a conflict of interest.")
        % {"created": created, "skipped": skipped},
    )
    return redirect("review:round_review", number=round_.number)


def _back_to_assignments(number, query):
    """Redirect to the assignments page, keeping only its own filters and page from ``query``."""
    kept = _assignments_query(QueryDict(query.lstrip("?")))
    response = redirect("review:assignments", number=number)
    if kept:
        response["Location"] += "?" + kept
    return response


@require_http_methods(["GET"])
@guard(ASSIGNMENTS)
def assignments(request, number):
    round_ = get_object_or_404(Round, number=number)
    filter_form = AssignmentFilterForm(request.GET or None, round_=round_)
    page = Paginator(round_assignments(round_, **filter_form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(assignment, reviewer_view(assignment.application)) for assignment in page.object_list]
    return render(
        request,
        "speakers/reviewerassignment_list.html",
        {
            "round": round_,
            "filter_form": filter_form,
            "page": page,
            "rows": rows,
        },
    )


def _assignments_query(querydict):
    """The assignments page's own filters and page from ``querydict``, as a query string."""
    kept = QueryDict(mutable=True)
    for key, value in querydict.items():
        if key in ("presession", "reviewer", "page") and value.isdigit():
            kept[key] = value
    return kept.urlencode()


@require_http_methods(["GET", "POST"])
@guard(ASSIGNMENTS)
def remove_assignment(request, number, pk):
    assignment = get_object_or_404(
        ReviewerAssignment.objects.select_related("reviewer", "application__organisation"),
        pk=pk,
        application__presession__round__number=number,
    )
    if request.method == "GET":
        return _confirm_removal(request, number, assignment)
    form = RemoveAssignmentForm(request.POST)
    confirmed = form.is_valid() and form.cleaned_data["confirm"]
    try:
        services.remove_assignment(assignment, confirmed=confirmed)
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(reviewer)s no longer reviews this application.") % {"reviewer": assignment.reviewer.email},
        )
    return _back_to_assignments(number, request.POST.get("query", ""))


def _confirm_removal(request, number, assignment):
    query = _assignments_query(request.GET)
    view = reviewer_view(assignment.application)
    message = _("%(reviewer)s will no longer review application #%(number)s (%(organisation)s).") % {
        "reviewer": assignment.reviewer.email,
        "number": assignment.application.pk,
        "organisation": view.organisation_name,
    }
    hidden = {"query": query}
    if submitted_assessment_exists(assignment):
        message += " " + _(
            "This reviewer already submitted an assessment of this application: it is kept and still "
            "counts in the average score."
        )
        hidden["confirm"] = "on"
    cancel_url = reverse("review:assignments", kwargs={"number": number}) + (f"?{query}" if query else "")
    return render_confirmation(
        request,
        title=_("Remove this assignment?"),
        message=message,
        confirm_label=_("Remove the assignment"),
        cancel_url=cancel_url,
        hidden=hidden,
    )


def _round(number):
    return get_object_or_404(Round, number=number)


def _criterion(number, pk):
    return get_object_or_404(ReviewCriterion.objects.select_related("round"), pk=pk, round__number=number)


@require_http_methods(["GET"])
@guard(CRITERIA)
def criteria(request, number):
    round_ = _round(number)
    return render(
        request,
        "speakers/reviewcriterion_list.html",
        {"round": round_, "criteria": list(criteria_with_usage(round_)), "form": ReviewCriterionForm()},
    )


@require_http_methods(["GET", "POST"])
@guard(CRITERIA)
def criterion_form(request, number, pk=None):
    round_ = _round(number)
    criterion = _criterion(number, pk) if pk is not None else None
    initial = ReviewCriterionForm.initial_from(criterion) if criterion else None
    form = ReviewCriterionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if criterion is None:
                services.add_criterion(round_, **form.cleaned_data)
            else:
                services.update_criterion(criterion, **form.cleaned_data)
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Criterion added; the totals were recalculated.")
                if criterion is None
                else _("Criterion saved; the totals were recalculated."),
            )
            return redirect("review:criteria", number=number)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "speakers/reviewcriterion_form.html",
        {"round": round_, "criterion": criterion, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@guard(CRITERIA)
def criterion_delete(request, number, pk):
    criterion = _criterion(number, pk)
    if request.method == "GET":
        return render_confirmation(
            request,
            title=_("Delete this criterion?"),
            message=_(
                "“%(criterion)s” will no longer be scored, and every total of the round will be recalculated."
            )
            % {"criterion": criterion},
            confirm_label=_("Delete the criterion"),
            cancel_url=reverse("review:criteria", kwargs={"number": number}),
        )
    try:
        services.delete_criterion(criterion)
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Criterion deleted; the totals were recalculated."))
    return redirect("review:criteria", number=number)


@require_POST
@guard(CRITERIA)
def criterion_move(request, number, pk):
    criterion = _criterion(number, pk)
    services.move_criterion(criterion, -1 if request.POST.get("direction") == "up" else 1)
    return redirect("review:criteria", number=number)


@require_POST
@guard(CRITERIA)
def criteria_seed(request, number):
    round_ = _round(number)
    if services.seed_default_criteria(round_):
        messages.success(request, _("The default criteria were added."))
    else:
        messages.info(request, _("This round already has criteria."))
    return redirect("review:criteria", number=number)
