"""Staff pages on past recommendations: search and export, history per State, targeting."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.access import guard
from upr import exports, search
from upr.filters import RecommendationFilter
from upr.forms import TargetingForm
from upr.history import state_history
from upr.models import Review, State
from upr.selectors import reviews_without_recommendations, search_recommendations
from upr.targeting import personal_sentence, target_states

PAGE_SIZE = 25


def _search_request(request):
    query = request.GET.get("q", "").strip()[: search.MAX_QUERY_LENGTH]
    return query, RecommendationFilter(request.GET or None)


def _results(query, filterset):
    """The search results, or None when the filters do not validate (the form shows why)."""
    try:
        return search_recommendations(query, filterset if filterset.is_bound else None)
    except ValidationError:
        return None


@guard("upr.search_recommendations")
@require_GET
def recommendation_search(request):
    query, filterset = _search_request(request)
    results = _results(query, filterset)
    page = None if results is None else Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "query": query,
        "filter": filterset,
        "form": filterset.form,
        "page": page,
        "search_words": search.parse_query(query).highlight_words(),
        "params": _params(request),
        "xlsx_max_rows": exports.xlsx_max_rows(),
        "not_imported": _not_imported(filterset) if results is not None else [],
    }
    return render(request, "upr/recommendation_search.html", context)


NOT_IMPORTED_SHOWN = 20


def _not_imported(filterset):
    """Held reviews within the SuR / cycle / session filters whose recommendations are not imported yet."""
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    scope = {name: data.get(name) for name in ("sur", "cycle", "session")}
    if not any(scope.values()):
        return []
    reviews = reviews_without_recommendations(
        state=scope["sur"], cycle=scope["cycle"], session=scope["session"]
    )
    return list(reviews[:NOT_IMPORTED_SHOWN])


def _params(request):
    """The query string of the search without the page number (for export and pagination links)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _export_filename(extension):
    return f"recommendations-{timezone.localtime():%Y%m%d-%H%M}.{extension}"


def _export_results(request):
    return _results(*_search_request(request))


@guard("upr.export_recommendations")
@require_GET
def recommendation_export_csv(request):
    results = _export_results(request)
    if results is None:
        return HttpResponse(status=400)
    response = StreamingHttpResponse(exports.iter_csv(results), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_filename("csv")}"'
    return response


@guard("upr.export_recommendations")
@require_GET
def recommendation_export_xlsx(request):
    results = _export_results(request)
    if results is None:
        return HttpResponse(status=400)
    if results.count() > exports.xlsx_max_rows():
        # A workbook is built whole in memory (about 0.5 ms a row): large results go to the CSV stream.
        messages.warning(
            request,
            _("More than %(limit)s recommendations: narrow the filters or export them as CSV.")
            % {"limit": number_format(exports.xlsx_max_rows(), force_grouping=True)},
        )
        return redirect(f"{reverse('upr:recommendation_search')}?{_params(request)}")
    response = HttpResponse(
        exports.build_xlsx(results, title="Recommendations"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_filename("xlsx")}"'
    return response


@guard("upr.view_state_history")
@require_GET
def state_history_page(request, iso3):
    state = get_object_or_404(State.objects.select_related("regional_group"), iso3=iso3.upper())
    return render(request, "upr/state_history.html", {"history": state_history(state)})


@guard("upr.view_targeting")
@require_GET
def review_targeting(request, pk):
    review = get_object_or_404(Review.objects.select_related("state", "session__cycle"), pk=pk)
    form = TargetingForm(request.GET or None)
    targets = rows = None
    if form.is_valid():
        targets = target_states(review, form.cleaned_data["issues"], limit=form.cleaned_data["limit"])
        rows = [(target, personal_sentence(target)) for target in targets]
    not_imported = reviews_without_recommendations(state=review.state, before_session=review.session.number)
    context = {"review": review, "form": form, "targets": targets, "rows": rows, "not_imported": not_imported}
    return render(request, "upr/review_targeting.html", context)
