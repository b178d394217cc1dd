"""The models of every speakers package, in one module so that migrations find them as ``speakers.models.X``.

Each model lives in the package of its concept (``organisations``, ``applications``, ``review``,
``lineup``, ``statements``); the app label stays ``speakers`` and the table names are unchanged.
"""

from core.tokens import new_token

from .applications.models import Application, ApplicationAnswer, ApplicationEvent
from .lineup.models import SpeakerSlot
from .organisations.models import Organisation, OrganisationInvitation, OrganisationMembership
from .review.models import (
    Assessment,
    AssessmentScore,
    ConflictDeclaration,
    ConflictOfInterest,
    ReviewCriterion,
    ReviewerAssignment,
)
from .statements.models import (
    Statement,
    StatementEvent,
    StatementRecommendation,
    StatementSection,
    StatementVersion,
)

__all__ = [
    "Application",
    "ApplicationAnswer",
    "ApplicationEvent",
    "Assessment",
    "AssessmentScore",
    "ConflictDeclaration",
    "ConflictOfInterest",
    "Organisation",
    "OrganisationInvitation",
    "OrganisationMembership",
    "ReviewCriterion",
    "ReviewerAssignment",
    "SpeakerSlot",
    "Statement",
    "StatementEvent",
    "StatementRecommendation",
    "StatementSection",
    "StatementVersion",
    "new_token",  # referenced by the migrations as speakers.models.new_token
]
