"""Reads of selection: the board's and the round's applications with their review scores."""

from ..applications.models import Application
from ..review.selectors import with_scores

Status = Application.Status


def board_applications(presession):
    """Every non-draft application of a Presession with its scores, best first."""
    queryset = (
        Application.objects.filter(presession=presession)
        .exclude(status=Status.DRAFT)
        .select_related(
            "organisation__country",
            "created_by",
            "pending_decision_by",
            "presession__round",
            "presession__review__state",
        )
        .prefetch_related("issues")
    )
    return with_scores(queryset).order_by("-average_score", "pk")


def round_applications(round_):
    """Every non-draft application of a Round, for exports and the dashboard."""
    queryset = (
        Application.objects.filter(presession__round=round_)
        .exclude(status=Status.DRAFT)
        .select_related("organisation__country", "presession__review__state", "created_by")
        .prefetch_related("issues")
    )
    return with_scores(queryset).order_by("presession__review__state__name_en", "-average_score", "pk")
