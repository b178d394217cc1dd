"""The models of every speakers package, in one module so that migrations find them as ``speakers.models.X``.

Each model lives in the package of its concept (``organisations``, ``applications``, ``review``);
the app label stays ``speakers`` and the table names are unchanged.
"""

from core.tokens import new_token

from .applications.models import Application, ApplicationAnswer, ApplicationEvent
from .organisations.models import Organisation, OrganisationInvitation, OrganisationMembership
from .review.models import (
    Assessment,
    AssessmentScore,
    ConflictOfInterest,
    ReviewCriterion,
    ReviewerAssignment,
)

__all__ = [
    "Application",
    "ApplicationAnswer",
    "ApplicationEvent",
    "Assessment",
    "AssessmentScore",
    "ConflictOfInterest",
    "Organisation",
    "OrganisationInvitation",
    "OrganisationMembership",
    "ReviewCriterion",
    "ReviewerAssignment",
    "new_token",  # referenced by the migrations as speakers.models.new_token
]
