"""Filters of the recommendation search page (django-filter), by natural keys so URLs stay readable."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from upr.models import (
    Cycle,
    Issue,
    Recommendation,
    RecommendationIssue,
    RecommendingState,
    RegionalGroup,
    State,
    WorkingGroupSession,
)


class RecommendationFilter(django_filters.FilterSet):
    """Every filter takes a natural key (``?sur=FRA&issue=torture&cycle=2``) or a model instance.

    Many-to-many conditions use ``id IN (subquery)`` so that a joint recommendation is never counted
    twice, and so that the database can start from the (indexed) links rather than test every row.
    """

    sur = django_filters.ModelChoiceFilter(
        # Translators: SuR = State under Review.
        label=_("State under Review"),
        field_name="review__state",
        to_field_name="iso3",
        queryset=State.objects.all(),
    )
    sur_group = django_filters.ModelChoiceFilter(
        label=_("Regional group of the State under Review"),
        field_name="review__state__regional_group",
        to_field_name="code",
        queryset=RegionalGroup.objects.all(),
    )
    recommending_state = django_filters.ModelChoiceFilter(
        label=_("Recommending State"),
        method="filter_recommending_state",
        to_field_name="iso3",
        queryset=State.objects.all(),
    )
    recommending_group = django_filters.ModelChoiceFilter(
        label=_("Regional group of the recommending State"),
        method="filter_recommending_group",
        to_field_name="code",
        queryset=RegionalGroup.objects.all(),
    )
    cycle = django_filters.ModelChoiceFilter(
        label=_("Cycle"),
        field_name="review__session__cycle",
        to_field_name="number",
        queryset=Cycle.objects.all(),
    )
    session = django_filters.ModelChoiceFilter(
        # Translators: a UPR Working Group session.
        label=_("Session"),
        field_name="review__session",
        to_field_name="number",
        queryset=WorkingGroupSession.objects.all(),
    )
    issue = django_filters.ModelChoiceFilter(
        label=_("Issue"), method="filter_issue", to_field_name="slug", queryset=Issue.objects.all()
    )
    response = django_filters.ChoiceFilter(
        label=pgettext_lazy("recommendation response", "Response"), choices=Recommendation.Response.choices
    )
    action_category = django_filters.ChoiceFilter(
        label=_("Action category"), choices=Recommendation.ActionCategory.choices
    )

    class Meta:
        model = Recommendation
        fields = []

    def filter_recommending_state(self, queryset, name, value):
        links = RecommendingState.objects.filter(state=value)
        return queryset.filter(pk__in=links.values("recommendation_id"))

    def filter_recommending_group(self, queryset, name, value):
        links = RecommendingState.objects.filter(state__regional_group=value)
        return queryset.filter(pk__in=links.values("recommendation_id"))

    def filter_issue(self, queryset, name, value):
        links = RecommendationIssue.objects.filter(issue=value)
        return queryset.filter(pk__in=links.values("recommendation_id"))

    @property
    def is_filtering(self):
        """True when at least one filter has a value."""
        return (
            self.is_bound
            and self.is_valid()
            and any(value not in (None, "") for value in self.form.cleaned_data.values())
        )
