"""Demo data for review and selection: default criteria, the demo reviewer assigned and scoring.

Called by ``speakers.demo.seed_demo``; idempotent (existing assessments are left alone).
"""

from ..applications.models import Application
from .models import Assessment
from .selectors import criteria_for
from .services import assign_reviewers, save_assessment, seed_default_criteria


def seed_review_demo(round_, *, staff, reviewer):
    """Return the number of rows created."""
    created = len(seed_default_criteria(round_))
    submitted = Application.objects.filter(presession__round=round_, status=Application.Status.SUBMITTED)
    new_assignments, _skipped = assign_reviewers(applications=submitted, reviewers=[reviewer], actor=staff)
    created += new_assignments
    criteria = list(criteria_for(round_))
    for index, application in enumerate(submitted.order_by("pk")):
        if Assessment.objects.filter(reviewer=reviewer, application=application).exists():
            continue
        if not application.reviewer_assignments.filter(reviewer=reviewer).exists():
            continue  # a conflict of interest
        values = {c.pk: (index + position) % (c.scale_max + 1) for position, c in enumerate(criteria)}
        save_assessment(
            reviewer=reviewer, application=application, values=values, comment="Demo assessment.", submit=True
        )
        created += 1
    return created
