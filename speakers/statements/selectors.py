"""Reads of statements, already scoped and joined."""

from django.db.models import Prefetch

from speakers.applications.models import Application
from upr.models import Recommendation, RecommendingState

from .models import Statement, StatementEvent, StatementRecommendation, StatementSection

SPEAKING = (Application.Status.SELECTED, Application.Status.CONFIRMED)


def speaking_applications_of(user):
    """The selected or confirmed applications of the organisations ``user`` acts for (staff: none)."""
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(status__in=SPEAKING, organisation__memberships__user=user)
        .select_related("organisation", "presession__round", "presession__review__state", "statement")
        .order_by("presession__round__number", "presession__review__state__name_en", "pk")
    )


def speaking_application(user, token):
    """One application of ``user``'s organisations by token, any status (``None`` if not theirs)."""
    queryset = Application.objects.select_related(
        "organisation",
        "created_by",
        "presession__round",
        "presession__review__state",
        "presession__review__session",
    )
    if not user.is_staff:
        queryset = queryset.filter(organisation__memberships__user=user)
    return queryset.filter(token=token).first()


def with_content(queryset):
    """Statements with every part the editor, the versions and the brief read."""
    return queryset.select_related(
        "application__organisation",
        "application__created_by",
        "application__presession__round",
        "application__presession__review__state",
        "application__presession__review__session",
    ).prefetch_related(
        Prefetch(
            "sections",
            queryset=StatementSection.objects.select_related("issue").prefetch_related(
                Prefetch(
                    "followed_up", queryset=Recommendation.objects.order_by("review__session__number", "pk")
                ),
                Prefetch(
                    "recommendations",
                    queryset=StatementRecommendation.objects.prefetch_related("issues", "states"),
                ),
            ),
        ),
        Prefetch("events", queryset=StatementEvent.objects.select_related("actor")),
        "versions",
    )


def statement_of(application):
    return with_content(Statement.objects.filter(application=application)).first()


def statement_by_token(token):
    return with_content(Statement.objects.filter(token=token)).first()


def statements_of_round(round_):
    """Staff list: every statement of the round, by panel."""
    return (
        Statement.objects.filter(application__presession__round=round_)
        .select_related("application__organisation", "application__presession__review__state")
        .order_by("application__presession__review__state__name_en", "pk")
    )


def earlier_recommendations(review, issue_ids):
    """Recommendations made to ``review``'s SuR in earlier sessions on these issues, with their States."""
    return (
        Recommendation.objects.filter(
            review__state_id=review.state_id,
            review__session__number__lt=review.session.number,
            issue_links__issue_id__in=list(issue_ids),
        )
        .distinct()
        .select_related("review__session__cycle")
        .prefetch_related(Prefetch("state_links", queryset=RecommendingState.objects.select_related("state")))
        .order_by("-review__session__number", "pk")
    )
