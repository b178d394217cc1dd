"""Staff pages: classification suggestions to confirm, adjust or reject."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import guard
from upr.classification import current_version
from upr.models import Issue, Recommendation, RecommendationSuggestion
from upr.suggestions import confirm_suggestion, pending_suggestions, reject_suggestion

PAGE_SIZE = 10  # each suggestion carries the whole issue list (about 55 checkboxes)


class ConfirmSuggestionForm(forms.Form):
    issues = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Issues"), queryset=Issue.objects.all(), to_field_name="slug"
    )
    action_category = forms.TypedChoiceField(
        label=gettext_lazy("Action category"), choices=Recommendation.ActionCategory.choices, coerce=int
    )


@guard("upr.view_suggestions")
def suggestion_list(request):
    page = Paginator(pending_suggestions(), PAGE_SIZE).get_page(request.GET.get("page"))
    issues = list(Issue.objects.order_by("name_en"))
    by_slug = {issue.slug: issue for issue in issues}
    rows = []
    for suggestion in page:
        suggested = [(by_slug[slug], score) for slug, score in suggestion.suggested_issues if slug in by_slug]
        chosen = {issue.slug for issue, _score in suggested}
        rows.append({
            "suggestion": suggestion,
            "suggested_issues": suggested,
            "other_issues": [issue for issue in issues if issue.slug not in chosen],
        })  # fmt: skip
    context = {
        "page": page,
        "rows": rows,
        "categories": Recommendation.ActionCategory.choices,
        "model_version": current_version(),
    }
    return render(request, "upr/recommendationsuggestion_list.html", context)


@guard("upr.decide_suggestion")
@require_POST
def suggestion_confirm(request, pk):
    suggestion = get_object_or_404(RecommendationSuggestion, pk=pk)
    form = ConfirmSuggestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Not confirmed: choose at least one issue and an action category."))
        return _back_to_list(request)
    try:
        confirm_suggestion(
            suggestion,
            issues=form.cleaned_data["issues"],
            action_category=form.cleaned_data["action_category"],
            user=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Classification confirmed."))
    return _back_to_list(request)


@guard("upr.decide_suggestion")
@require_POST
def suggestion_reject(request, pk):
    suggestion = get_object_or_404(RecommendationSuggestion, pk=pk)
    try:
        reject_suggestion(suggestion, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Suggestion rejected."))
    return _back_to_list(request)


def _back_to_list(request):
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("upr:suggestion_list")
    return redirect(target)
