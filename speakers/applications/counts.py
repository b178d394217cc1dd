"""How many applications a Round or a Presession has, by status: registered into presessions' lists.

``SpeakersConfig.ready()`` hands these to ``presessions.extensions.register_application_counts``.
"""

from django.db.models import Count, Q

from .models import Application

Status = Application.Status
_NOT_SUBMITTED = [Status.DRAFT, Status.WITHDRAWN]


def round_application_count():
    """Applications submitted (or further) over all Pre-sessions of a Round."""
    return Count(
        "presessions__applications",
        filter=~Q(presessions__applications__status__in=_NOT_SUBMITTED),
        distinct=True,
    )


ROUND_COUNTS = {"application_count": round_application_count}
PRESESSION_COUNTS = {
    "draft_count": lambda: Count("applications", filter=Q(applications__status=Status.DRAFT)),
    "submitted_count": lambda: Count("applications", filter=~Q(applications__status__in=_NOT_SUBMITTED)),
    "withdrawn_count": lambda: Count("applications", filter=Q(applications__status=Status.WITHDRAWN)),
}
