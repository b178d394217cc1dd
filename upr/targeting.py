"""Who to invite: the States that recommended on a panel's issues to the same SuR in earlier cycles.

Used by the targeting page, and later by invitations and briefs::

    from upr.targeting import target_states, personal_sentence

    for target in target_states(review, issues, limit=30):
        target.state, target.recommendation_count, target.supported_count, target.noted_count
        target.latest_cycle, target.recommendations[0].text
        personal_sentence(target, language="fr")

Two queries whatever the amount of data (plus one for ``review.session`` if it is not loaded).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext, ngettext

from upr.models import Issue, Recommendation, RecommendationIssue, RecommendingState, State


@dataclass(frozen=True)
class PastRecommendation:
    """One earlier recommendation of a targeted State (the fields a personal sentence needs)."""

    id: int
    text: str
    paragraph: str
    session: int
    cycle: int
    response: str  # a ``Recommendation.Response`` value, or "" where unknown

    @property
    def response_label(self):
        return Recommendation.Response(self.response).label if self.response else ""


@dataclass(frozen=True)
class TargetState:
    """A recommending State of earlier cycles, with what it recommended on the chosen issues.

    ``recommendations`` are ordered newest session first, then by paragraph order of import.
    ``recommendation_count`` counts recommendations (a joint one counts once for each co-author).
    """

    state: State
    recommendation_count: int
    supported_count: int
    noted_count: int
    latest_cycle: int
    recommendations: tuple[PastRecommendation, ...]

    @property
    def latest_recommendations(self):
        """The recommendations of the latest cycle only."""
        return tuple(r for r in self.recommendations if r.cycle == self.latest_cycle)


def target_states(review, issues, *, limit=None):
    """The States that recommended to ``review``'s SuR in earlier sessions, on ``issues``.

    ``issues`` is an iterable of ``Issue`` (or ids); ``None`` means every issue, an empty iterable gives
    an empty list. Returns ``list[TargetState]`` in invitation order: most recommendations first, then
    the most recent cycle, then the English name; at most ``limit`` entries when given.
    """
    # Plain joins from the SuR's reviews (indexed) so that both databases start from the few
    # earlier reviews rather than from all recommendations.
    links = RecommendingState.objects.filter(
        recommendation__review__state_id=review.state_id,
        recommendation__review__session__number__lt=review.session.number,
    )
    if issues is not None:
        issue_ids = {issue.pk if isinstance(issue, Issue) else int(issue) for issue in issues}
        if not issue_ids:
            return []
        on_issues = RecommendationIssue.objects.filter(
            recommendation_id=OuterRef("recommendation_id"), issue_id__in=issue_ids
        )
        links = links.filter(Exists(on_issues))
    rows = links.order_by("-recommendation__review__session__number", "recommendation_id").values_list(
        "state_id",
        "recommendation_id",
        "recommendation__text",
        "recommendation__paragraph",
        "recommendation__review__session__number",
        "recommendation__review__session__cycle__number",
        "recommendation__response",
    )
    by_state = defaultdict(list)
    for state_id, *fields in rows:
        by_state[state_id].append(PastRecommendation(*fields))
    if not by_state:
        return []
    states = State.objects.select_related("regional_group").in_bulk(list(by_state))
    targets = [_target(states[state_id], past) for state_id, past in by_state.items()]
    targets.sort(key=lambda t: (-t.recommendation_count, -t.latest_cycle, t.state.name_en))
    return targets[:limit] if limit is not None else targets


def _target(state, past):
    responses = [p.response for p in past]
    return TargetState(
        state=state,
        recommendation_count=len(past),
        supported_count=responses.count(Recommendation.Response.SUPPORTED),
        noted_count=responses.count(Recommendation.Response.NOTED),
        latest_cycle=max(p.cycle for p in past),
        recommendations=tuple(past),
    )


# --- Personal sentence --------------------------------------------------------------------------------


def ordinal(number, language):
    """``3`` → ``3rd`` (en), ``3e`` (fr), ``3.er`` (es); for a masculine noun such as cycle/ciclo."""
    if language == "fr":
        return "1er" if number == 1 else f"{number}e"
    if language == "es":
        return f"{number}.er" if number % 10 in (1, 3) and number % 100 not in (11, 13) else f"{number}.º"
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def personal_sentence(target, language=None):
    """One or two sentences for an invitation, in ``language`` (default: the active one).

    Quotes the first recommendation of the State's latest cycle, e.g. "In the 3rd cycle your delegation
    recommended: “Ratify the Optional Protocol…”. The State under Review supported it."
    """
    language = (language or translation.get_language() or "en")[:2]
    latest = target.latest_recommendations
    quoted = latest[0]
    with translation.override(language):
        values = {
            "ordinal": ordinal(target.latest_cycle, language),
            "count": len(latest),
            "text": quoted.text.strip().rstrip(" .;,"),
        }
        sentence = (
            ngettext(
                # Translators: %(ordinal)s is an ordinal (3rd, 3e, 3.er); %(text)s a quoted recommendation.
                "In the %(ordinal)s cycle your delegation recommended: “%(text)s”.",
                "In the %(ordinal)s cycle your delegation made %(count)d recommendations on these issues, "
                "among them: “%(text)s”.",
                len(latest),
            )
            % values
        )
        if quoted.response == Recommendation.Response.SUPPORTED:
            sentence += " " + gettext("The State under Review supported it.")
        elif quoted.response == Recommendation.Response.NOTED:
            sentence += " " + gettext("The State under Review noted it.")
    return sentence
