"""Reads of review: querysets already scoped to the user and already joined."""

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)

from ..applications.models import Application, ApplicationAnswer
from ..organisations.models import Organisation, OrganisationMembership
from .models import (
    Assessment,
    AssessmentScore,
    ConflictDeclaration,
    ConflictOfInterest,
    ReviewCriterion,
    ReviewerAssignment,
)

Status = Application.Status

# Statuses a reviewer may still read (scoring is for submitted ones only, see rules).
REVIEW_VISIBLE = (
    Status.SUBMITTED,
    Status.SELECTED,
    Status.RESERVE,
    Status.REJECTED,
    Status.CONFIRMED,
    Status.DECLINED,
)
SUBMITTED_FILTER = Q(assessments__submitted_at__isnull=False)


def conflicted_organisations(user):
    """Organisations the user belongs to or declared a conflict with (a queryset, used as subquery)."""
    member_of = OrganisationMembership.objects.filter(user_id=user.pk).values("organisation_id")
    declared = ConflictOfInterest.objects.filter(reviewer_id=user.pk).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=member_of) | Q(pk__in=declared))


def without_conflicts(queryset, user):
    """Drop applications by (or with as coalition member) an organisation the user is conflicted with."""
    conflicted = conflicted_organisations(user).values("pk")
    coalition = Application.coalition_members.through.objects.filter(
        application_id=OuterRef("pk"), organisation_id__in=conflicted
    )
    return queryset.exclude(organisation_id__in=conflicted).exclude(Exists(coalition))


def has_conflict(user, application):
    return not without_conflicts(Application.objects.filter(pk=application.pk), user).exists()


def organisations_named(text):
    """Organisations whose name or acronym is exactly ``text`` (case and blanks ignored)."""
    text = " ".join(text.split())
    if not text:
        return Organisation.objects.none()
    return Organisation.objects.filter(Q(name__iexact=text) | Q(acronym__iexact=text)).order_by("name", "pk")


def declarations_of(user):
    """The reviewer's own declarations, newest first: only what they typed (never the matches)."""
    return ConflictDeclaration.objects.filter(reviewer_id=user.pk).only(
        "pk", "reviewer_id", "text", "reason", "declared_at"
    )


def declarations_for_staff():
    """Every declaration, those waiting for a decision first, with reviewer, matches and decider."""
    return (
        ConflictDeclaration.objects.select_related("reviewer", "decided_by")
        .prefetch_related(Prefetch("matches", queryset=Organisation.objects.order_by("name", "pk")))
        .annotate(
            waiting=Case(
                When(status=ConflictDeclaration.Status.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "-declared_at", "-pk")
    )


def pending_declaration_count():
    return ConflictDeclaration.objects.filter(status=ConflictDeclaration.Status.PENDING).count()


def assignments_affected_by(declaration):
    """The reviewer's assignments that confirming ``declaration`` would remove (its matches' applications,
    also as coalition members)."""
    matches = declaration.matches.values("pk")
    return (
        ReviewerAssignment.objects.filter(reviewer_id=declaration.reviewer_id)
        .filter(Q(application__organisation__in=matches) | Q(application__coalition_members__in=matches))
        .select_related(
            "application__organisation",
            "application__presession__round",
            "application__presession__review__state",
        )
        .distinct()
        .order_by("application__presession__round__number", "application_id")
    )


def applications_for_reviewer(user):
    """The applications assigned to ``user`` that they may see, with their own assessment attached."""
    queryset = (
        Application.objects.filter(reviewer_assignments__reviewer_id=user.pk, status__in=REVIEW_VISIBLE)
        .select_related("presession__round", "presession__review__state", "organisation__country")
        .prefetch_related(
            "issues",
            Prefetch("assessments", queryset=Assessment.objects.filter(reviewer_id=user.pk), to_attr="mine"),
            Prefetch(
                "answers",
                queryset=ApplicationAnswer.objects.select_related("question").order_by(
                    "question__order", "question_id"
                ),
            ),
        )
        .order_by("presession__review__state__name_en", "pk")
    )
    return without_conflicts(queryset, user)


def criteria_for(round_):
    return ReviewCriterion.objects.filter(round=round_).order_by("order", "pk")


def criteria_with_usage(round_):
    """The Round's criteria with ``score_count``: how many scores use each (a used one cannot be deleted)."""
    return criteria_for(round_).annotate(score_count=Count("scores"))


def round_assignments(round_, *, presession=None, reviewer=None):
    """Every reviewer assignment of a Round with the reviewer's assessment (``assessment_total``,
    ``assessment_submitted_at``) attached, by Pre-session, application and reviewer."""
    own = Assessment.objects.filter(
        reviewer_id=OuterRef("reviewer_id"), application_id=OuterRef("application_id")
    )
    queryset = ReviewerAssignment.objects.filter(application__presession__round=round_)
    if presession is not None:
        queryset = queryset.filter(application__presession=presession)
    if reviewer is not None:
        queryset = queryset.filter(reviewer=reviewer)
    return (
        queryset.select_related(
            "reviewer", "application__organisation", "application__presession__review__state"
        )
        .annotate(
            assessment_submitted_at=Subquery(own.values("submitted_at")[:1]),
            assessment_total=Subquery(own.values("total")[:1]),
        )
        .order_by(
            "application__presession__review__state__name_en", "application_id", "reviewer__email", "pk"
        )
    )


def with_scores(queryset):
    """Annotate the average weighted score and the number of submitted reviews."""
    return queryset.annotate(
        average_score=Avg("assessments__total", filter=SUBMITTED_FILTER),
        review_count=Count("assessments", filter=SUBMITTED_FILTER),
    )


def criterion_averages(round_):
    """``{(application_id, criterion_id): average}`` over submitted assessments of a Round."""
    rows = (
        AssessmentScore.objects.filter(
            assessment__application__presession__round=round_, assessment__submitted_at__isnull=False
        )
        .values("assessment__application_id", "criterion_id")
        .annotate(average=Avg("value"))
    )
    return {(row["assessment__application_id"], row["criterion_id"]): row["average"] for row in rows}


def round_assessments(round_):
    return (
        Assessment.objects.filter(application__presession__round=round_)
        .select_related("reviewer", "application__organisation", "application__presession__review__state")
        .prefetch_related("scores")
        .order_by("application__presession__review__state__name_en", "application_id", "reviewer__email")
    )


def submitted_assessment_exists(assignment):
    """Whether the assignment's reviewer already submitted their assessment of its application."""
    return Assessment.objects.filter(
        reviewer_id=assignment.reviewer_id,
        application_id=assignment.application_id,
        submitted_at__isnull=False,
    ).exists()
