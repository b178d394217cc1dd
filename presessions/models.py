"""The models of every presessions package, in one module so that Django and migrations find them as
``presessions.models.X``. Code inside presessions imports each model from the package that defines it
(``rounds``, ``programme``, ``autoschedule``): importing this module from there would close an import cycle.
"""

from .autoschedule.models import SchedulingJob
from .programme.models import (
    GENEVA,
    DayBreak,
    PersonalFeed,
    ProgrammeRelease,
    Room,
    RoundDay,
    UnavailabilityWindow,
)
from .rounds.models import CallQuestion, DeadlineExtension, Presession, Round, new_token

__all__ = [
    "GENEVA",
    "CallQuestion",
    "DayBreak",
    "DeadlineExtension",
    "PersonalFeed",
    "Presession",
    "ProgrammeRelease",
    "Room",
    "Round",
    "RoundDay",
    "SchedulingJob",
    "UnavailabilityWindow",
    "new_token",
]
