"""Read-side queries of the UPR app, already joined and prefetched for their pages."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils import timezone

from upr import search
from upr.filters import RecommendationFilter
from upr.models import Issue, Recommendation, RecommendingState, Review


def search_recommendations(query="", filters=None):
    """Recommendations matching a full-text ``query`` and ``filters``, best match first.

    ``query`` uses the web-search syntax (words, ``"phrases"``, ``OR``, ``-excluded``); an empty query
    lists everything, newest session first. ``filters`` is a ``RecommendationFilter`` or a mapping of its
    field names to natural keys or instances (``{"sur": "FRA", "issue": issue, "cycle": 2}``); invalid
    filters raise ``ValidationError`` (never silently widened). Every row carries ``search_rank``
    (higher is better) and its SuR, session, cycle, recommending States (in published order) and issues
    are loaded with a constant number of queries. Works the same on SQLite (FTS5) and PostgreSQL.
    """
    queryset = Recommendation.objects.all()
    if filters is not None:
        filterset = (
            filters if isinstance(filters, RecommendationFilter) else RecommendationFilter(_as_data(filters))
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        queryset = filterset.filter_queryset(queryset)
    queryset = search.apply_full_text(queryset, query)
    if search.parse_query(query).is_empty:
        queryset = queryset.order_by("-review__session__number", "review__state__name_en", "id")
    return with_display_relations(queryset)


def with_display_relations(queryset):
    """Join and prefetch what a list or an export of recommendations shows."""
    return queryset.select_related("review__state", "review__session__cycle").prefetch_related(
        Prefetch(
            "state_links",
            queryset=RecommendingState.objects.select_related("state").order_by("order", "id"),
            to_attr="ordered_state_links",
        ),
        Prefetch("issues", queryset=Issue.objects.order_by("name_en")),
    )


def _as_data(filters):
    if not isinstance(filters, Mapping):
        raise TypeError("filters must be a RecommendationFilter or a mapping")
    if hasattr(filters, "getlist"):  # a QueryDict (request.GET)
        return filters
    return {name: value for name, value in filters.items() if value not in (None, "")}


def reviews_without_recommendations(*, state=None, cycle=None, session=None, before_session=None):
    """Reviews already held with no recommendation on record: their data is not imported yet.

    Narrowed by ``state`` (a State), ``cycle`` (a Cycle), ``session`` (a WorkingGroupSession) and
    ``before_session`` (a session number: only earlier reviews). Ordered by session.
    """
    today = timezone.localdate()
    held = Q(session__start_date__lte=today)
    held |= Q(session__start_date__isnull=True, session__year__lt=today.year)
    reviews = (
        Review.objects.filter(held, recommendations__isnull=True)
        .exclude(status=Review.Status.POSTPONED)
        .select_related("state", "session__cycle")
    )
    if state is not None:
        reviews = reviews.filter(state=state)
    if cycle is not None:
        reviews = reviews.filter(session__cycle=cycle)
    if session is not None:
        reviews = reviews.filter(session=session)
    if before_session is not None:
        reviews = reviews.filter(session__number__lt=before_session)
    return reviews.order_by("session__number", "state__name_en")
