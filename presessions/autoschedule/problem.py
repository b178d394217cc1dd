"""A round's confirmed panels, rooms, days and unavailability, read into the solver's dataclasses."""

import math
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from core.errors import DomainError
from presessions.programme import scheduling
from presessions.programme.models import DayBreak, Room, RoundDay, UnavailabilityWindow
from presessions.programme.participants import participants_for
from presessions.programme.running_order import running_order_minutes
from presessions.rounds.models import Presession

GRID_MINUTES = 5


@dataclass(frozen=True)
class RoundProblem:
    problem: scheduling.Problem
    presessions: dict  # Presession id → Presession (confirmed panels)
    rooms: dict  # Room id → Room


def confirmed_panels(round_):
    return (
        Presession.objects.filter(round=round_, status=Presession.Status.CONFIRMED)
        .select_related("review__state", "moderator_user", "room")
        .prefetch_related("review__troika")
        .order_by("review__order", "pk")
    )


def round_problem(round_):
    """Everything the solver needs about ``round_`` (a fixed number of queries, whatever its size)."""
    presessions = list(confirmed_panels(round_))
    if not presessions:
        raise DomainError(_("The round has no confirmed panel to schedule."))
    rooms = list(Room.objects.filter(round=round_).order_by("order", "name"))
    days = list(
        RoundDay.objects.filter(round=round_)
        .prefetch_related(Prefetch("breaks", queryset=DayBreak.objects.order_by("starts_at")))
        .order_by("date")
    )
    if not rooms:
        raise DomainError(_("Add the round's rooms before scheduling it."))
    if not days:
        raise DomainError(_("Add the round's days and opening hours before scheduling it."))
    speakers = participants_for([p.pk for p in presessions])
    windows = UnavailabilityWindow.objects.filter(round=round_).select_related("review", "state")
    problem = scheduling.Problem(
        panels=tuple(_panel(p, speakers[p.pk]) for p in presessions),
        rooms=tuple(_room(room) for room in rooms),
        days=tuple(_day(day) for day in days),
        unavailability=tuple(_window(window) for window in windows),
        step=GRID_MINUTES,
    )
    return RoundProblem(problem, {p.pk: p for p in presessions}, {room.pk: room for room in rooms})


def panel_minutes(presession, participants):
    """The running order's length on the grid, or the current slot when that is longer."""
    on_grid = math.ceil(running_order_minutes(presession, participants) / GRID_MINUTES) * GRID_MINUTES
    return max(on_grid, presession.slot_minutes, GRID_MINUTES)


def _panel(presession, participants):
    review = presession.review
    return scheduling.Panel(
        id=presession.pk,
        name=str(review.state),
        duration=panel_minutes(presession, participants),
        review_order=review.order or 0,
        sur=f"review:{review.pk}",
        moderator_key=presession.moderator_address or None,
        moderator_name=presession.moderator_display_name,
        speakers=tuple(
            scheduling.Speaker(
                key=participant.person_key,
                name=participant.name,
                organisation_key=participant.organisation_key,
                organisation_name=participant.organisation,
                online=participant.is_online,
                timezone=participant.time_zone or None,
            )
            for participant in participants
        ),
        seats=presession.expected_audience,
        missions=(f"state:{review.state_id}", *(f"state:{state.pk}" for state in review.troika.all())),
    )


def _room(room):
    return scheduling.Room(
        id=room.pk, name=room.name, mode=scheduling.Mode(room.mode), capacity=room.capacity or None
    )


def _day(day):
    breaks = tuple(scheduling.Break(b.starts_at, b.ends_at) for b in day.breaks.all())
    return scheduling.Day(day.date, day.opens_at, day.closes_at, breaks)


def _window(window):
    kind = scheduling.Kind(window.kind)
    if kind == scheduling.Kind.MODERATOR:
        key = window.moderator_email.strip().lower() or None
    elif kind == scheduling.Kind.MISSION:
        key = f"state:{window.state_id}" if window.state_id else None
    else:
        key = f"review:{window.review_id}" if window.review_id else None
    label = window.label or window.get_kind_display()
    return scheduling.Unavailability(kind, key, window.starts_at, window.ends_at, str(label), window.weight)
