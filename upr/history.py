"""The recommendation history of one State under Review, aggregated in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from core.charts import stacked_bar_chart
from upr.models import Issue, Recommendation, RecommendationIssue, RecommendingState, Review, State
from upr.selectors import reviews_without_recommendations

SUPPORTED = Recommendation.Response.SUPPORTED
NOTED = Recommendation.Response.NOTED
TOP_STATES_PER_ISSUE = 3
TOP_STATES = 10
CHART_ISSUES = 12


@dataclass(frozen=True)
class Counts:
    supported: int = 0
    noted: int = 0
    other: int = 0

    @property
    def total(self):
        return self.supported + self.noted + self.other

    def __add__(self, other):
        return Counts(self.supported + other.supported, self.noted + other.noted, self.other + other.other)


@dataclass
class IssueHistory:
    issue: Issue
    by_cycle: dict  # cycle number → Counts
    total: Counts
    top_states: list  # [(State, count)], most recommendations first

    by_cycle_cells: list = field(default_factory=list)  # Counts per cycle of the page, in order


@dataclass
class StateHistory:
    state: State
    reviews: list  # Reviews annotated with recommendation_count, supported_count, noted_count, not_imported
    cycles: list  # numbers of the cycles with recommendations on record, ascending
    issues: list  # IssueHistory, most recommendations first
    top_states: list  # [(State, count)] over all issues
    by_cycle: dict = field(default_factory=dict)  # cycle number → Counts
    cycle_chart: object = None
    issue_chart: object = None
    not_imported: list = field(default_factory=list)  # Reviews held whose recommendations are not imported

    @property
    def total(self):
        return sum(self.by_cycle.values(), Counts())


def _counts(rows):
    """``{key: Counts}`` from ``(key, response, n)`` rows."""
    totals = defaultdict(lambda: [0, 0, 0])
    for key, response, n in rows:
        totals[key][0 if response == SUPPORTED else 1 if response == NOTED else 2] += n
    return {key: Counts(*values) for key, values in totals.items()}


def state_history(state):
    """Everything the history page of ``state`` shows, in seven queries whatever the amount of data."""
    reviews = _reviews(state)
    not_imported = set(reviews_without_recommendations(state=state).values_list("pk", flat=True))
    for review in reviews:
        review.not_imported = review.pk in not_imported
    by_issue_cycle = _issue_cycle_counts(state)
    top_by_issue = _issue_state_counts(state)
    overall_states = list(
        RecommendingState.objects.filter(recommendation__review__state=state)
        .values_list("state_id")
        .annotate(n=Count("id"))
        .order_by("-n", "state__name_en")[:TOP_STATES]
    )
    issues = Issue.objects.in_bulk({issue_id for issue_id, _cycle in by_issue_cycle})
    state_ids = {sid for pairs in top_by_issue.values() for sid, _n in pairs}
    states = State.objects.in_bulk(state_ids | {sid for sid, _n in overall_states})
    by_cycle = _cycle_totals(reviews)
    history = StateHistory(
        state=state,
        reviews=reviews,
        # Cycles with recommendations on record (a later review may not be imported yet).
        cycles=sorted(cycle for cycle, counts in by_cycle.items() if counts.total),
        issues=_issue_histories(by_issue_cycle, issues, top_by_issue, states),
        top_states=[(states[sid], n) for sid, n in overall_states],
        by_cycle=by_cycle,
        not_imported=[review for review in reviews if review.not_imported],
    )
    for item in history.issues:
        item.by_cycle_cells = [item.by_cycle.get(cycle, Counts()) for cycle in history.cycles]
    history.cycle_chart, history.issue_chart = _charts(history)
    return history


def _reviews(state):
    return list(
        Review.objects.filter(state=state)
        .select_related("session__cycle")
        .annotate(
            recommendation_count=Count("recommendations"),
            supported_count=Count("recommendations", filter=Q(recommendations__response=SUPPORTED)),
            noted_count=Count("recommendations", filter=Q(recommendations__response=NOTED)),
        )
        .order_by("session__number")
    )


def _issue_cycle_counts(state):
    """``{(issue id, cycle number): Counts}``."""
    rows = (
        RecommendationIssue.objects.filter(recommendation__review__state=state)
        .values_list("issue_id", "recommendation__review__session__cycle__number", "recommendation__response")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _counts(((issue_id, cycle), response, n) for issue_id, cycle, response, n in rows)


def _issue_state_counts(state):
    """``{issue id: [(recommending State id, number of recommendations)]}``."""
    rows = (
        RecommendationIssue.objects.filter(recommendation__review__state=state)
        .values_list("issue_id", "recommendation__state_links__state_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_issue = defaultdict(list)
    for issue_id, state_id, n in rows:
        if state_id is not None:
            by_issue[issue_id].append((state_id, n))
    return by_issue


def _cycle_totals(reviews):
    totals = {}
    for review in reviews:
        counts = Counts(
            review.supported_count,
            review.noted_count,
            review.recommendation_count - review.supported_count - review.noted_count,
        )
        cycle = review.session.cycle.number
        totals[cycle] = totals.get(cycle, Counts()) + counts
    return totals


def _issue_histories(by_issue_cycle, issues, top_by_issue, states):
    grouped = defaultdict(dict)
    for (issue_id, cycle), counts in by_issue_cycle.items():
        grouped[issue_id][cycle] = counts
    result = []
    for issue_id, by_cycle in grouped.items():
        ranked = sorted(top_by_issue.get(issue_id, []), key=lambda pair: (-pair[1], states[pair[0]].name_en))
        result.append(
            IssueHistory(
                issue=issues[issue_id],
                by_cycle=by_cycle,
                total=sum(by_cycle.values(), Counts()),
                top_states=[(states[sid], n) for sid, n in ranked[:TOP_STATES_PER_ISSUE]],
            )
        )
    result.sort(key=lambda item: (-item.total.total, item.issue.name_en))
    return result


def _describe(values):
    supported, noted, other = values
    text = _("%(supported)d supported, %(noted)d noted") % {"supported": supported, "noted": noted}
    if other:
        text += ", " + _("%(count)d without response") % {"count": other}
    return text


def _charts(history):
    series = [SUPPORTED.label, NOTED.label, _("No response recorded")]
    cycle_rows = [
        (_("Cycle %(number)s") % {"number": cycle}, _as_values(history.by_cycle.get(cycle, Counts())))
        for cycle in history.cycles
    ]
    cycle_chart = stacked_bar_chart(
        chart_id="chart-cycles",
        title=_("Responses of %(state)s per cycle") % {"state": history.state.name},
        rows=cycle_rows,
        series=series,
        describe=_describe,
    )
    issue_rows = [(item.issue.name, _as_values(item.total)) for item in history.issues[:CHART_ISSUES]]
    issue_chart = stacked_bar_chart(
        chart_id="chart-issues",
        title=_("Responses of %(state)s on the most frequent issues") % {"state": history.state.name},
        rows=issue_rows,
        series=series,
        describe=_describe,
    )
    return cycle_chart, issue_chart


def _as_values(counts):
    return (counts.supported, counts.noted, counts.other)
