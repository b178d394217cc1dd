"""Classification suggestions: computing them, and staff confirming or rejecting them.

Services (one per state change): ``suggest_for``, ``confirm_suggestion``, ``reject_suggestion``.
Selectors: ``pending_suggestions``, ``recommendations_needing_suggestions``, ``training_examples``.
"""

import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from upr.classification import Example, LoadedClassifier, load_classifier
from upr.models import Issue, Recommendation, RecommendationIssue, RecommendationSuggestion, State

logger = logging.getLogger(__name__)
BATCH_SIZE = 1000


# --- Selectors ----------------------------------------------------------------------------------------
def pending_suggestions():
    """Pending suggestions with what the staff page shows, oldest first."""
    return (
        RecommendationSuggestion.objects.filter(status=RecommendationSuggestion.Status.PENDING)
        .select_related("recommendation__review__state", "recommendation__review__session")
        .prefetch_related(
            Prefetch("recommendation__recommending_states", queryset=State.objects.order_by("name_en"))
        )
        .order_by("created", "id")
    )


def recommendations_needing_suggestions():
    """Recommendations without issues that have never had a suggestion."""
    return (
        Recommendation.objects.filter(issue_links__isnull=True)
        .exclude(Exists(RecommendationSuggestion.objects.filter(recommendation=OuterRef("pk"))))
        .order_by("id")
    )


def training_examples() -> list[Example]:
    """Every recommendation coded with issues or an action category, as training examples."""
    issues = {}
    links = RecommendationIssue.objects.values_list("recommendation_id", "issue__slug")
    for recommendation_id, slug in links.iterator(chunk_size=5000):
        issues.setdefault(recommendation_id, []).append(slug)
    rows = Recommendation.objects.order_by("pk").values_list(
        "pk", "text", "action_category", "review__session__number"
    )
    return [
        Example(text, tuple(sorted(issues.get(pk, ()))), category, session)
        for pk, text, category, session in rows.iterator(chunk_size=5000)
        if category is not None or pk in issues
    ]


# --- Services -----------------------------------------------------------------------------------------
def suggest_for(
    recommendations: Iterable[Recommendation], *, classifier: LoadedClassifier | None = None
) -> list[RecommendationSuggestion]:
    """Compute (or refresh) the pending suggestion of each recommendation. Raises ``NoModelError``.

    A pending suggestion from an older model is updated in place; decided ones are left alone.
    """
    classifier = classifier or load_classifier()
    known = set(Issue.objects.values_list("slug", flat=True))
    recommendations = list(recommendations)
    result = []
    for start in range(0, len(recommendations), BATCH_SIZE):
        batch = recommendations[start : start + BATCH_SIZE]
        predictions = classifier.model.predict([r.text for r in batch])
        with transaction.atomic():
            pending = {
                s.recommendation_id: s
                for s in RecommendationSuggestion.objects.select_for_update().filter(
                    recommendation__in=batch, status=RecommendationSuggestion.Status.PENDING
                )
            }
            new, changed = [], []
            for recommendation, prediction in zip(batch, predictions, strict=True):
                suggestion = pending.get(recommendation.pk) or RecommendationSuggestion(
                    recommendation=recommendation
                )
                suggestion.suggested_issues = [[s, score] for s, score in prediction.issues if s in known]
                suggestion.action_category = prediction.action_category
                suggestion.action_probability = prediction.action_probability
                suggestion.rule_category = prediction.rule.category
                suggestion.rule_phrase = prediction.rule.phrase
                suggestion.model_version = classifier.version
                (changed if suggestion.pk else new).append(suggestion)
            RecommendationSuggestion.objects.bulk_create(new)
            RecommendationSuggestion.objects.bulk_update(
                changed,
                ["suggested_issues", "action_category", "action_probability", "rule_category", "rule_phrase",
                 "model_version"],
            )  # fmt: skip
        result += new + changed
    return result


def confirm_suggestion(suggestion, *, issues, action_category, user) -> RecommendationSuggestion:
    """Write the confirmed issues and category to the recommendation; mark the suggestion confirmed."""
    _check_permission(user, "upr.decide_suggestion", suggestion)
    issues = list(issues)
    if not issues:
        raise ValidationError(_("Choose at least one issue."))
    if action_category not in Recommendation.ActionCategory.values:
        raise ValidationError(_("Choose an action category from 1 to 5."))
    with transaction.atomic():
        suggestion = _lock_pending(suggestion)
        recommendation = Recommendation.objects.select_for_update().get(pk=suggestion.recommendation_id)
        slugs = sorted(issue.slug for issue in issues)
        recommendation.action_category = action_category
        recommendation._history_user = user
        # The audit trail is stored data, kept in English like the rest of the history.
        recommendation._change_reason = (
            f"Classification suggestion {suggestion.pk} confirmed: issues {', '.join(slugs)}; "
            f"action category {action_category}"
        )
        recommendation.save(update_fields=["action_category", "updated"])
        RecommendationIssue.objects.filter(recommendation=recommendation).exclude(issue__in=issues).delete()
        RecommendationIssue.objects.bulk_create(
            [RecommendationIssue(recommendation=recommendation, issue=issue) for issue in issues],
            ignore_conflicts=True,
        )
        suggestion.confirmed_issues = slugs
        suggestion.confirmed_action_category = action_category
        return _decide(suggestion, RecommendationSuggestion.Status.CONFIRMED, user)


def reject_suggestion(suggestion, *, user) -> RecommendationSuggestion:
    """Staff found the suggestion wrong and will code the recommendation another way."""
    _check_permission(user, "upr.decide_suggestion", suggestion)
    with transaction.atomic():
        return _decide(_lock_pending(suggestion), RecommendationSuggestion.Status.REJECTED, user)


def _check_permission(user, permission, obj):
    if user is None or not user.has_perm(permission, obj):
        raise PermissionDenied(_("Only the secretariat can decide classification suggestions."))


def _lock_pending(suggestion) -> RecommendationSuggestion:
    locked = RecommendationSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != RecommendationSuggestion.Status.PENDING:
        raise ValidationError(_("This suggestion has already been decided."))
    return locked


def _decide(suggestion, status, user) -> RecommendationSuggestion:
    suggestion.status = status
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion._history_user = user
    suggestion.save()
    logger.info("Suggestion %s for recommendation %s %s by %s", suggestion.pk,
                suggestion.recommendation_id, status, user.pk)  # fmt: skip
    return suggestion
