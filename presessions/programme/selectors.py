"""Reads of the programme, each with its related rows fetched up front (no query per panel)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from presessions.programme.models import DayBreak, Room, RoundDay, UnavailabilityWindow
from presessions.rounds.models import Presession

from .participants import participants_for


def rooms_of(round_):
    return Room.objects.filter(round=round_).order_by("order", "name")


def days_of(round_):
    return (
        RoundDay.objects.filter(round=round_)
        .prefetch_related(Prefetch("breaks", queryset=DayBreak.objects.order_by("starts_at")))
        .order_by("date")
    )


def unavailabilities_of(round_):
    return UnavailabilityWindow.objects.filter(round=round_).select_related("review__state", "state")


def panels_of(round_):
    """The round's panels with their State, room and moderator account."""
    return (
        Presession.objects.filter(round=round_)
        .select_related("round", "review__state", "room", "moderator_user")
        .order_by("starts_at", "room__order", "review__order", "review__state__name_en")
    )


def panel_by_token(round_, token):
    return panels_of(round_).filter(token=token).first()


@dataclass
class Timetable:
    """Everything the timetable page and the conflict checks read, loaded in a fixed number of queries."""

    round: object
    panels: list
    rooms: list
    days: list
    unavailabilities: list
    participants: dict = field(default_factory=dict)

    @property
    def live_panels(self):
        """Panels that are not cancelled."""
        return [p for p in self.panels if p.status != Presession.Status.CANCELLED]

    def by_day(self):
        """``[(day, [panels placed that day])]`` and, last, ``(None, [unplaced panels])`` when any."""
        placed = {}
        unplaced = []
        for panel in self.panels:
            if panel.is_placed:
                placed.setdefault(panel.starts_at.astimezone(panel.starts_at.tzinfo).date(), []).append(panel)
            else:
                unplaced.append(panel)
        return placed, unplaced


def timetable(round_, *, presession_ids=None):
    panels = list(panels_of(round_))
    ids = [p.pk for p in panels]
    return Timetable(
        round=round_,
        panels=panels,
        rooms=list(rooms_of(round_)),
        days=list(days_of(round_)),
        unavailabilities=list(unavailabilities_of(round_)),
        participants=participants_for(ids),
    )
