"""Staff pages of a Round's review set-up: reviewer assignments and weighted criteria (``/staff/...``).

Thin views: forms validate, ``services_review`` writes (and recomputes totals), selectors read.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from presessions.models import Round

from . import services_review
from .access import permission
from .forms_review import AssignmentFilterForm, RemoveAssignmentForm, ReviewCriterionForm
from .models_review import ReviewCriterion, ReviewerAssignment
from .presenters import reviewer_view
from .selectors_review import criteria_with_usage, round_assignments

ASSIGNMENTS = "speakers.manage_reviewer_assignments"
CRITERIA = "speakers.manage_review_criteria"
PAGE_SIZE = 50


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _back_to_assignments(number, query):
    """Redirect to the assignments page, keeping only its own filters and page from ``query``."""
    kept = QueryDict(mutable=True)
    for key, value in QueryDict(query).items():
        if key in ("presession", "reviewer", "page") and value.isdigit():
            kept[key] = value
    response = redirect("review:assignments", number=number)
    if kept:
        response["Location"] += "?" + kept.urlencode()
    return response


@require_http_methods(["GET"])
@permission(ASSIGNMENTS)
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
            "query": _query_without_page(request),
            "remove_form": RemoveAssignmentForm(),
        },
    )


@require_POST
@permission(ASSIGNMENTS)
def remove_assignment(request, number, pk):
    assignment = get_object_or_404(
        ReviewerAssignment.objects.select_related("reviewer"),
        pk=pk,
        application__presession__round__number=number,
    )
    form = RemoveAssignmentForm(request.POST)
    confirmed = form.is_valid() and form.cleaned_data["confirm"]
    try:
        services_review.remove_assignment(assignment, confirmed=confirmed)
    except services_review.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(reviewer)s no longer reviews this application.") % {"reviewer": assignment.reviewer.email},
        )
    return _back_to_assignments(number, request.POST.get("query", ""))


def _round(number):
    return get_object_or_404(Round, number=number)


def _criterion(number, pk):
    return get_object_or_404(ReviewCriterion.objects.select_related("round"), pk=pk, round__number=number)


@require_http_methods(["GET"])
@permission(CRITERIA)
def criteria(request, number):
    round_ = _round(number)
    return render(
        request,
        "speakers/reviewcriterion_list.html",
        {"round": round_, "criteria": list(criteria_with_usage(round_)), "form": ReviewCriterionForm()},
    )


@require_http_methods(["GET", "POST"])
@permission(CRITERIA)
def criterion_form(request, number, pk=None):
    round_ = _round(number)
    criterion = _criterion(number, pk) if pk is not None else None
    initial = ReviewCriterionForm.initial_from(criterion) if criterion else None
    form = ReviewCriterionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if criterion is None:
                services_review.add_criterion(round_, **form.cleaned_data)
            else:
                services_review.update_criterion(criterion, **form.cleaned_data)
        except services_review.ReviewError as error:
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


@require_POST
@permission(CRITERIA)
def criterion_delete(request, number, pk):
    criterion = _criterion(number, pk)
    try:
        services_review.delete_criterion(criterion)
    except services_review.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Criterion deleted; the totals were recalculated."))
    return redirect("review:criteria", number=number)


@require_POST
@permission(CRITERIA)
def criterion_move(request, number, pk):
    criterion = _criterion(number, pk)
    services_review.move_criterion(criterion, -1 if request.POST.get("direction") == "up" else 1)
    return redirect("review:criteria", number=number)


@require_POST
@permission(CRITERIA)
def criteria_seed(request, number):
    round_ = _round(number)
    if services_review.seed_default_criteria(round_):
        messages.success(request, _("The default criteria were added."))
    else:
        messages.info(request, _("This round already has criteria."))
    return redirect("review:criteria", number=number)
