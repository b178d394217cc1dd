"""Automatic scheduling of a round's panels with OR-Tools CP-SAT: a pure module (no Django).

Input and output are the plain dataclasses below; ``solve(problem)`` returns a ``Result``.

Decisions:
- Time is counted in whole minutes from midnight (venue time zone) of the round's first day, through
  UTC, so that a DST change inside a round is exact. Starts fall on a grid of ``Problem.step`` minutes
  (a fixed placement keeps its own minute).
- Hard: every panel in exactly one room; one panel per room at a time; a moderator, person or
  organisation in one panel at a time; inside a day's opening hours and over no break; a room whose mode
  and capacity fit the panel (online speaker → online or hybrid room; speaker in the room → in-person or
  hybrid room); an online speaker's local time between ``Problem.online_hours``; fixed placements.
- Soft, each reported with its own cost (the objective is their sum): clashes with staff's events and
  the moderator's or Missions' unavailability (the window's weight per clashing panel); compact days
  (idle minutes in a room from the day's opening to its last panel, breaks excluded); room balance
  (busiest minus quietest room, in panels); WG review order (pairs of panels out of the order).
- Infeasible: a second model guards each hard constraint with an assumption literal; CP-SAT's
  ``sufficient_assumptions_for_infeasibility`` gives a conflicting set, shrunk by deletion to a minimal
  one (each member necessary) within the time left. Messages are ``Reason`` templates marked with
  ``gettext_noop`` (extracted into the catalogues), rendered by the caller in the reader's language.
"""

from __future__ import annotations

import enum
import time as clock
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ortools.sat.python import cp_model


def gettext_noop(message):
    """Marks a message for the catalogues; the caller translates it when rendering a ``Reason``."""
    return message


class Mode(enum.StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class Kind(enum.StrEnum):
    MODERATOR = "moderator"  # key: the moderator's key
    MISSION = "mission"  # key: a Mission expected at the panel (Panel.missions)
    EVENT = "event"  # key: the SuR concerned (Panel.sur), or None for every panel


@dataclass(frozen=True)
class Speaker:
    key: str
    name: str
    organisation_key: str | None = None
    organisation_name: str = ""
    online: bool = False
    timezone: str | None = None  # IANA name, for online speakers


@dataclass(frozen=True)
class Panel:
    id: int | str
    name: str
    duration: int  # minutes
    review_order: int = 0  # the SuR's place in the WG session
    sur: str | None = None
    moderator_key: str | None = None
    moderator_name: str = ""
    speakers: tuple[Speaker, ...] = ()
    seats: int = 0
    missions: tuple[str, ...] = ()

    @property
    def online_speakers(self):
        return [s for s in self.speakers if s.online]

    @property
    def needs_online_support(self):
        return bool(self.online_speakers)


@dataclass(frozen=True)
class Room:
    id: int | str
    name: str
    mode: Mode = Mode.IN_PERSON
    capacity: int | None = None


@dataclass(frozen=True)
class Break:
    start: time
    end: time


@dataclass(frozen=True)
class Day:
    date: date
    opens: time
    closes: time
    breaks: tuple[Break, ...] = ()


@dataclass(frozen=True)
class Unavailability:
    kind: Kind
    key: str | None
    starts: datetime  # aware
    ends: datetime
    label: str = ""
    weight: int = 100


@dataclass(frozen=True)
class Placement:
    panel: int | str
    room: int | str
    starts: datetime  # aware, venue time zone
    ends: datetime | None = None


@dataclass(frozen=True)
class Weights:
    compact_days: int = 1  # per idle minute
    balance_rooms: int = 20  # per panel of difference
    balance_days: int = 10  # per panel of difference
    review_order: int = 10  # per pair out of order


@dataclass(frozen=True)
class Problem:
    panels: tuple[Panel, ...]
    rooms: tuple[Room, ...]
    days: tuple[Day, ...]
    unavailability: tuple[Unavailability, ...] = ()
    fixed: tuple[Placement, ...] = ()
    timezone: str = "Europe/Zurich"
    step: int = 5
    online_hours: tuple[time, time] = (time(7), time(22))
    weights: Weights = Weights()


@dataclass(frozen=True)
class Reason:
    template: str
    params: dict = field(default_factory=dict)

    def render(self, gettext=gettext_noop):
        return gettext(self.template) % self.params

    def __str__(self):
        return self.render()


@dataclass(frozen=True)
class SoftCost:
    code: str
    label: str  # a gettext_noop message
    amount: int  # in the constraint's own unit (clashes, minutes, panels, pairs)
    cost: int  # its part of the objective
    details: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class Progress:
    solutions: int
    objective: float
    bound: float
    wall_time: float


@dataclass(frozen=True)
class Result:
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE or UNKNOWN (no timetable found in the time limit)
    placements: tuple[Placement, ...] = ()
    objective: int | None = None
    best_bound: float | None = None
    gap: float | None = None
    costs: tuple[SoftCost, ...] = ()
    wall_time: float = 0.0
    explanation: tuple[Reason, ...] = ()
    explanation_minimal: bool = False

    @property
    def found(self):
        return self.status in ("OPTIMAL", "FEASIBLE")


class SchedulingInputError(ValueError):
    """The problem itself is malformed (not merely infeasible)."""


SOFT_LABELS = {
    "events": gettext_noop("Clashes with events"),
    "moderator_unavailability": gettext_noop("Moderator unavailability"),
    "mission_unavailability": gettext_noop("Mission unavailability"),
    "compact_days": gettext_noop("Compact days (idle minutes in rooms)"),
    "balance_rooms": gettext_noop("Room balance (panels between busiest and quietest room)"),
    "balance_days": gettext_noop("Day balance (panels beyond an even share per day)"),
    "review_order": gettext_noop("WG review order (steps backwards in the order)"),
}
# The same constraint on several panels reads as one sentence: (one panel, several panels).
WITHIN_HOURS = (
    gettext_noop("Panel %(panel)s must be held within the round's opening hours (%(hours)s)."),
    gettext_noop("Panels %(panel)s must be held within the round's opening hours (%(hours)s)."),
)
OUTSIDE_BREAKS = (
    gettext_noop("Panel %(panel)s must not overlap a break (%(breaks)s)."),
    gettext_noop("Panels %(panel)s must not overlap a break (%(breaks)s)."),
)
_KIND_CODES = {
    Kind.EVENT: "events",
    Kind.MODERATOR: "moderator_unavailability",
    Kind.MISSION: "mission_unavailability",
}


def solve(problem, *, time_limit=30.0, workers=2, seed=0, on_progress=None):
    """Place every panel; on infeasibility explain why. ``on_progress(Progress)`` per solution found."""
    _validate(problem)
    began = clock.monotonic()
    model = _Model(problem, explain=False)
    solver = _solver(time_limit, workers, seed)
    callback = _Callback(on_progress, began) if on_progress else None
    status = solver.solve(model.cp, callback)
    name = solver.status_name(status)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return model.result(solver, name, clock.monotonic() - began)
    if status == cp_model.INFEASIBLE:
        remaining = max(1.0, time_limit - (clock.monotonic() - began))
        reasons, minimal = _explain(problem, remaining, seed)
        return Result("INFEASIBLE", wall_time=clock.monotonic() - began, explanation=reasons,
                      explanation_minimal=minimal)
    return Result("UNKNOWN", wall_time=clock.monotonic() - began)


def _solver(time_limit, workers, seed):
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(workers)
    solver.parameters.random_seed = int(seed)
    return solver


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, on_progress, began):
        super().__init__()
        self.on_progress, self.began, self.count = on_progress, began, 0

    def on_solution_callback(self):
        self.count += 1
        self.on_progress(Progress(self.count, self.objective_value, self.best_objective_bound,
                                  clock.monotonic() - self.began))


def _validate(problem):
    if not problem.rooms:
        raise SchedulingInputError("The round has no room.")
    if not problem.days:
        raise SchedulingInputError("The round has no day.")
    for collection in (problem.panels, problem.rooms, problem.days):
        keys = [getattr(item, "id", getattr(item, "date", None)) for item in collection]
        if len(keys) != len(set(keys)):
            raise SchedulingInputError(f"Duplicate identifiers: {keys}")
    for panel in problem.panels:
        if panel.duration <= 0:
            raise SchedulingInputError(f"Panel {panel.name}: duration must be positive.")
        for speaker in panel.online_speakers:
            _zone(speaker.timezone)
    for day in problem.days:
        if day.closes <= day.opens or any(not day.opens <= b.start < b.end <= day.closes for b in day.breaks):
            raise SchedulingInputError(f"{day.date}: opening hours or breaks are not in order.")
    for window in problem.unavailability:
        if window.starts.tzinfo is None or window.ends <= window.starts:
            raise SchedulingInputError(f"Unavailability {window.label!r}: aware times in order expected.")
    panel_ids, room_ids = {p.id for p in problem.panels}, {r.id for r in problem.rooms}
    for placement in problem.fixed:
        if placement.panel not in panel_ids or placement.room not in room_ids:
            raise SchedulingInputError(f"Fixed placement of an unknown panel or room: {placement}.")
        if placement.starts.tzinfo is None:
            raise SchedulingInputError(f"Fixed placement {placement}: aware time expected.")
    if problem.step <= 0:
        raise SchedulingInputError("The time grid must be positive.")


def _zone(name):
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise SchedulingInputError(f"Unknown time zone {name!r}.") from error


class _Timeline:
    """Whole minutes from midnight of the first day (venue time), counted in UTC."""

    def __init__(self, problem):
        self.zone = ZoneInfo(problem.timezone)
        first = min(day.date for day in problem.days)
        self.origin = datetime.combine(first, time(0), tzinfo=self.zone).astimezone(UTC)

    def minutes(self, moment):
        return int((moment.astimezone(UTC) - self.origin).total_seconds() // 60)

    def local(self, day, at, zone=None):
        return self.minutes(datetime.combine(day, at, tzinfo=zone or self.zone))

    def moment(self, minutes):
        return (self.origin + timedelta(minutes=minutes)).astimezone(self.zone)

    def label(self, minutes):
        return f"{self.moment(minutes):%Y-%m-%d %H:%M}"


def _starts_within(windows, duration):
    """Domain of start minutes such that [start, start + duration) lies inside one of the windows."""
    return cp_model.Domain.from_intervals([[a, b - duration] for a, b in windows if b - duration >= a])


def _room_misfit(panel, room):
    """Why ``room`` cannot host ``panel`` (a Reason), or None when it fits."""
    params = {"room": room.name, "panel": panel.name}
    if room.mode == Mode.IN_PERSON and panel.online_speakers:
        speaker = panel.online_speakers[0].name
        return Reason(gettext_noop("Room %(room)s is for in-person panels only, but %(speaker)s joins "
                                   "panel %(panel)s online."), {**params, "speaker": speaker})
    in_room = [s for s in panel.speakers if not s.online]
    if room.mode == Mode.ONLINE and in_room:
        return Reason(gettext_noop("Room %(room)s is online only, but %(speaker)s attends panel %(panel)s "
                                   "in person."), {**params, "speaker": in_room[0].name})
    if room.capacity is not None and panel.seats > room.capacity:
        return Reason(gettext_noop("Room %(room)s seats %(capacity)s, but panel %(panel)s needs %(seats)s "
                                   "seats."), {**params, "capacity": room.capacity, "seats": panel.seats})
    return None


class _Model:
    """The CP-SAT model. With ``explain``, each hard constraint is guarded by an assumption literal and
    there is no objective."""

    def __init__(self, problem, *, explain):
        self.problem, self.explain = problem, explain
        self.cp = cp_model.CpModel()
        self.time = _Timeline(problem)
        self.reasons = []  # (literal, Reason) in creation order
        self.fixed = {placement.panel: placement for placement in problem.fixed}
        self._variables()
        self._hard()
        if explain:
            self.cp.add_assumptions([literal for literal, _ in self.reasons])
        else:
            self._soft()

    def guard(self, reason):
        """Enforcement literals for a hard constraint: none, or its assumption when explaining."""
        if not self.explain:
            return []
        literal = self.cp.new_bool_var(f"a{len(self.reasons)}")
        self.reasons.append((literal, reason))
        return [literal]

    def _variables(self):
        problem, time_ = self.problem, self.time
        self.day_windows = {d.date: (time_.local(d.date, d.opens), time_.local(d.date, d.closes))
                            for d in problem.days}
        fixed_minutes = [time_.minutes(p.starts) for p in problem.fixed]
        longest = max((p.duration for p in problem.panels), default=0)
        low = min([0, *fixed_minutes])
        high = max([end for _, end in self.day_windows.values()] + [m + longest for m in fixed_minutes])
        step = problem.step
        self.start, self.end, self.interval, self.room, self.grid = {}, {}, {}, {}, {}
        self.allowed, self.people = {}, defaultdict(set)  # panel → start Domain, → (kind, key)s
        for panel in problem.panels:
            offset = time_.minutes(self.fixed[panel.id].starts) % step if panel.id in self.fixed else 0
            k = self.cp.new_int_var((low - offset) // step, (high - offset) // step, f"k{panel.id}")
            self.grid[panel.id] = (k, offset)
            start = step * k + offset
            self.start[panel.id] = start
            self.end[panel.id] = start + panel.duration
            self.interval[panel.id] = self.cp.new_interval_var(start, panel.duration, start + panel.duration,
                                                               f"i{panel.id}")
            self.room[panel.id] = {r.id: self.cp.new_bool_var(f"z{panel.id}_{r.id}") for r in problem.rooms}
            self.cp.add_exactly_one(self.room[panel.id].values())

    def _hard(self):
        for panel in self.problem.panels:
            self._timing(panel)
            for room in self.problem.rooms:
                misfit = _room_misfit(panel, room)
                if misfit:
                    self.cp.add(self.room[panel.id][room.id] == 0).only_enforce_if(self.guard(misfit))
        self._rooms_one_at_a_time()
        self._people_one_at_a_time()
        for placement in self.problem.fixed:
            room = next(r for r in self.problem.rooms if r.id == placement.room)
            panel = next(p for p in self.problem.panels if p.id == placement.panel)
            literals = self.guard(Reason(
                gettext_noop("Panel %(panel)s is fixed at %(start)s in room %(room)s."),
                {"panel": panel.name, "room": room.name,
                 "start": self.time.label(self.time.minutes(placement.starts))}))
            self.cp.add(self.start[panel.id] == self.time.minutes(placement.starts)).only_enforce_if(literals)
            self.cp.add(self.room[panel.id][room.id] == 1).only_enforce_if(literals)

    def _restrict(self, panel, domain, reason):
        """The panel starts within ``domain`` (a hard constraint stated by ``reason``)."""
        start = self.start[panel.id]
        self.cp.add_linear_expression_in_domain(start, domain).only_enforce_if(self.guard(reason))
        known = self.allowed.get(panel.id)
        self.allowed[panel.id] = domain if known is None else known.intersection_with(domain)

    def _timing(self, panel):
        params = {"panel": f"{panel.name} ({panel.duration} min)"}
        days = self.problem.days
        hours = ", ".join(f"{d.date:%Y-%m-%d} {d.opens:%H:%M}–{d.closes:%H:%M}" for d in days)
        self._restrict(panel, _starts_within(self.day_windows.values(), panel.duration),
                       Reason(WITHIN_HOURS[0], {**params, "hours": hours}))
        breaks = [(d, b) for d in days for b in d.breaks]
        if breaks:
            forbidden = [[self.time.local(d.date, b.start) - panel.duration + 1,
                          self.time.local(d.date, b.end) - 1] for d, b in breaks]
            listed = ", ".join(f"{d.date:%Y-%m-%d} {b.start:%H:%M}–{b.end:%H:%M}" for d, b in breaks)
            self._restrict(panel, cp_model.Domain.from_intervals(forbidden).complement(),
                           Reason(OUTSIDE_BREAKS[0], {**params, "breaks": listed}))
        for speaker in panel.online_speakers:
            if speaker.timezone:
                self._local_hours(panel, speaker)

    def _local_hours(self, panel, speaker):
        zone, (earliest, latest) = _zone(speaker.timezone), self.problem.online_hours
        first, last = min(d.date for d in self.problem.days), max(d.date for d in self.problem.days)
        dates = [first + timedelta(days=n) for n in range(-1, (last - first).days + 2)]
        windows = [(self.time.local(d, earliest, zone), self.time.local(d, latest, zone)) for d in dates]
        self._restrict(panel, _starts_within(windows, panel.duration), Reason(gettext_noop(
            "%(speaker)s joins panel %(panel)s online from %(timezone)s and must speak between %(earliest)s "
            "and %(latest)s their time."),
            {"speaker": speaker.name, "panel": panel.name, "timezone": speaker.timezone,
             "earliest": f"{earliest:%H:%M}", "latest": f"{latest:%H:%M}"}))

    def _rooms_one_at_a_time(self):
        for room in self.problem.rooms:
            literals = self.guard(Reason(gettext_noop("Room %(room)s can hold only one panel at a time."),
                                         {"room": room.name}))
            intervals = []
            for panel in self.problem.panels:
                present = self.room[panel.id][room.id]
                if literals:
                    both = self.cp.new_bool_var(f"q{panel.id}_{room.id}")
                    self.cp.add_bool_or([present.Not(), literals[0].Not(), both])
                    present = both
                intervals.append(self.cp.new_optional_interval_var(
                    self.start[panel.id], panel.duration, self.end[panel.id], present, f"r{panel.id}"))
            self.cp.add_no_overlap(intervals)

    def _people_one_at_a_time(self):
        groups = defaultdict(list)  # (template, name) → panels
        for panel in self.problem.panels:
            keys = {}
            if panel.moderator_key:
                keys[("m", panel.moderator_key)] = (gettext_noop(
                    "Moderator %(name)s cannot be in two panels at once (%(panels)s)."), panel.moderator_name)
            for speaker in panel.speakers:
                keys[("p", speaker.key)] = (gettext_noop(
                    "%(name)s cannot be in two panels at once (%(panels)s)."), speaker.name)
                if speaker.organisation_key:
                    keys[("o", speaker.organisation_key)] = (gettext_noop(
                        "Organisation %(name)s cannot be in two panels at once (%(panels)s)."),
                        speaker.organisation_name)
            for key, words in keys.items():
                groups[key].append((words, panel))
                self.people[panel.id].add(key)
        for members in groups.values():
            if len(members) < 2:
                continue
            (template, name), panels = members[0][0], [panel for _, panel in members]
            names = ", ".join(p.name for p in panels)
            literals = self.guard(Reason(template, {"name": name, "panels": names}))
            if literals:
                self.cp.add_no_overlap([self.cp.new_optional_interval_var(
                    self.start[p.id], p.duration, self.end[p.id], literals[0], f"g{p.id}") for p in panels])
            else:
                self.cp.add_no_overlap([self.interval[p.id] for p in panels])

    # Soft constraints (the optimising model only) ---------------------------------------------------

    def _soft(self):
        problem = self.problem
        self.cp.add_cumulative(list(self.interval.values()), [1] * len(problem.panels), len(problem.rooms))
        self.terms = {code: [] for code in SOFT_LABELS}  # code → [(amount expression, weight)]
        self.clashes = []  # (code, literal, Reason)
        for window in problem.unavailability:
            self._clashes(window)
        self._compact_days()
        panels, weights = problem.panels, problem.weights
        self._balance("balance_rooms", [[self.room[p.id][r.id] for p in panels] for r in problem.rooms],
                      weights.balance_rooms)
        self._spread_days()
        self._review_order()
        self._hint()
        self.cp.minimize(sum(weight * amount for terms in self.terms.values() for amount, weight in terms))

    def _affected(self, window, panel):
        if window.kind == Kind.MODERATOR:
            return window.key is not None and window.key == panel.moderator_key
        if window.kind == Kind.MISSION:
            return window.key in panel.missions
        return window.key is None or window.key == panel.sur

    def _clashes(self, window):
        begins, ends = self.time.minutes(window.starts), self.time.minutes(window.ends)
        for panel in self.problem.panels:
            if not self._affected(window, panel):
                continue
            clash, before, after = (self.cp.new_bool_var(f"{n}{panel.id}") for n in "cba")
            self.cp.add(self.end[panel.id] <= begins).only_enforce_if(before)
            self.cp.add(self.start[panel.id] >= ends).only_enforce_if(after)
            self.cp.add_bool_or([clash, before, after])
            self.cp.add(self.end[panel.id] >= begins + 1).only_enforce_if(clash)
            self.cp.add(self.start[panel.id] <= ends - 1).only_enforce_if(clash)
            code = _KIND_CODES[window.kind]
            self.terms[code].append((clash, window.weight))
            self.clashes.append((code, clash, Reason(
                gettext_noop("Panel %(panel)s overlaps %(label)s (%(start)s–%(end)s)."),
                {"panel": panel.name, "label": window.label,
                 "start": self.time.label(begins), "end": self.time.label(ends)})))

    def _compact_days(self):
        """Idle minutes per room and day, from opening to the room's last panel, breaks excluded. Each
        room-day's idle time is a variable ≥ 0, which keeps the solver's bound tight."""
        problem = self.problem
        placed = {}  # (panel, room, day) → literal
        self.on_day = {}
        for panel in problem.panels:
            on_day = self.on_day[panel.id] = {}
            for day in problem.days:
                on_day[day.date] = self.cp.new_bool_var(f"y{panel.id}")
                opens, closes = self.day_windows[day.date]
                self.cp.add_linear_constraint(self.start[panel.id], opens, closes - panel.duration
                                              ).only_enforce_if(on_day[day.date])
                for room in problem.rooms:
                    placed[panel.id, room.id, day.date] = self.cp.new_bool_var(f"x{panel.id}")
                self.cp.add(on_day[day.date] == sum(placed[panel.id, r.id, day.date] for r in problem.rooms))
            for room in problem.rooms:
                self.cp.add(self.room[panel.id][room.id] == sum(placed[panel.id, room.id, d] for d in on_day))
        idle = []
        for day in problem.days:
            opens, closes = self.day_windows[day.date]
            for room in problem.rooms:
                last = self.cp.new_int_var(opens, closes, f"l{day.date}_{room.id}")
                busy = []
                for panel in problem.panels:
                    literal = placed[panel.id, room.id, day.date]
                    self.cp.add(last >= self.end[panel.id]).only_enforce_if(literal)
                    busy.append(panel.duration * literal)
                for pause in day.breaks:
                    inside = self.cp.new_bool_var("inside")
                    self.cp.add(last >= self.time.local(day.date, pause.end)).only_enforce_if(inside)
                    busy.append(_minutes_between(pause.start, pause.end) * inside)
                minutes = self.cp.new_int_var(0, closes - opens, f"idle{day.date}_{room.id}")
                self.cp.add(minutes == last - opens - sum(busy))
                idle.append(minutes)
        self.terms["compact_days"].append((sum(idle), problem.weights.compact_days))

    def _balance(self, code, groups, weight):
        """Panels in the busiest group (room or day) minus panels in the quietest."""
        if len(groups) < 2:
            return
        n, k = len(self.problem.panels), len(groups)
        # Every panel is in exactly one group: the busiest holds at least n/k panels, the quietest at most.
        busiest = self.cp.new_int_var(-(-n // k), n, "busiest")
        quietest = self.cp.new_int_var(0, n // k, "quietest")
        for literals in groups:
            self.cp.add(busiest >= sum(literals))
            self.cp.add(quietest <= sum(literals))
        self.terms[code].append((busiest - quietest, weight))

    def _spread_days(self):
        """Panels beyond an even share (rounded up) on each day: days neither crowded nor left empty."""
        problem = self.problem
        if len(problem.days) < 2:
            return
        share = -(-len(problem.panels) // len(problem.days))
        for day in problem.days:
            beyond = self.cp.new_int_var(0, len(problem.panels), f"beyond{day.date}")
            self.cp.add(beyond >= sum(self.on_day[p.id][day.date] for p in problem.panels) - share)
            self.terms["balance_days"].append((beyond, problem.weights.balance_days))

    def _review_order(self):
        """A step backwards: a panel starting before a panel of the previous SuR in the review order."""
        orders = sorted({panel.review_order for panel in self.problem.panels})
        groups = [[p for p in self.problem.panels if p.review_order == order] for order in orders]
        dates = sorted(day.date for day in self.problem.days)
        day_of = {panel.id: sum(n * self.on_day[panel.id][d] for n, d in enumerate(dates))
                  for panel in self.problem.panels}
        for previous, current in zip(groups, groups[1:], strict=False):
            for earlier in previous:
                for later in current:
                    back = self.cp.new_bool_var(f"o{earlier.id}_{later.id}")
                    self.cp.add(self.start[later.id] >= self.start[earlier.id]).only_enforce_if(back.Not())
                    self.cp.add(self.start[later.id] <= self.start[earlier.id] - 1).only_enforce_if(back)
                    # Implied, stated for the solver: in order, the later panel is not on an earlier day.
                    self.cp.add(day_of[later.id] >= day_of[earlier.id]).only_enforce_if(back.Not())
                    self.terms["review_order"].append((back, self.problem.weights.review_order))

    def _hint(self):
        """A first timetable for the solver (it finds a first solution sooner): fixed panels, then the
        others in review order, each at the earliest start and quietest room that keep every hard
        constraint with the panels already placed. A panel that fits nowhere gets no hint."""
        problem, busy = self.problem, defaultdict(list)
        order = sorted(problem.panels, key=lambda p: (p.id not in self.fixed, p.review_order, str(p.id)))
        for panel in order:
            rooms = [room for room in problem.rooms if not _room_misfit(panel, room)]
            place = None
            for start in self._candidate_starts(panel):
                end = start + panel.duration
                for room in sorted(rooms, key=lambda r: len(busy["room", r.id])):
                    needed = [("room", room.id), *self.people[panel.id]]
                    if all(e <= start or end <= s for key in needed for s, e in busy[key]):
                        place = (start, room, needed)
                        break
                if place:
                    break
            if place is None:
                continue
            start, room, needed = place
            for key in needed:
                busy[key].append((start, start + panel.duration))
            k, offset = self.grid[panel.id]
            self.cp.add_hint(k, (start - offset) // problem.step)
            for other in problem.rooms:
                self.cp.add_hint(self.room[panel.id][other.id], other.id == room.id)

    def _candidate_starts(self, panel):
        if panel.id in self.fixed:
            yield self.time.minutes(self.fixed[panel.id].starts)
            return
        step, bounds = self.problem.step, self.allowed[panel.id].flattened_intervals()
        for low, high in zip(bounds[::2], bounds[1::2], strict=True):
            yield from range(-(-low // step) * step, high + 1, step)

    # Reading the solution ---------------------------------------------------------------------------

    def result(self, solver, status, wall_time):
        placements = []
        for panel in self.problem.panels:
            start = solver.value(self.start[panel.id])
            room = next(room_id for room_id, var in self.room[panel.id].items() if solver.value(var))
            placements.append(Placement(panel.id, room, self.time.moment(start),
                                        self.time.moment(start + panel.duration)))
        placements.sort(key=lambda p: (p.starts, str(p.room)))
        costs = []
        for code, terms in self.terms.items():
            values = [(solver.value(expression), weight) for expression, weight in terms]
            details = tuple(reason for c, literal, reason in self.clashes
                            if c == code and solver.value(literal))
            amount = len(details) if code in _KIND_CODES.values() else sum(value for value, _ in values)
            cost = sum(value * weight for value, weight in values)
            costs.append(SoftCost(code, SOFT_LABELS[code], amount, cost, details))
        objective, bound = int(round(solver.objective_value)), solver.best_objective_bound
        gap = 0.0 if status == "OPTIMAL" else abs(objective - bound) / max(1.0, abs(objective))
        return Result(status, tuple(placements), objective, bound, gap, tuple(costs), wall_time)


def _minutes_between(start, end):
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def _explain(problem, time_limit, seed):
    """A minimal set of hard constraints that cannot hold together, and whether minimality was proven."""
    began = clock.monotonic()
    model = _Model(problem, explain=True)
    literals = [literal for literal, _ in model.reasons]
    reason_of = {literal.index: reason for literal, reason in model.reasons}

    def infeasible(subset):
        model.cp.clear_assumptions()
        model.cp.add_assumptions(subset)
        solver = _solver(max(0.5, time_limit - (clock.monotonic() - began)), 1, seed)
        status = solver.solve(model.cp)
        if status == cp_model.INFEASIBLE:
            return set(solver.sufficient_assumptions_for_infeasibility())
        return None if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else "unknown"

    core = infeasible(literals)
    if not core or not isinstance(core, set):
        return (Reason(gettext_noop("No timetable satisfies every constraint, and no smaller conflicting "
                                    "set was found in the time limit.")),), False
    members, minimal, i = [lit for lit in literals if lit.index in core], True, 0
    while i < len(members):
        trial = members[:i] + members[i + 1:]
        smaller = infeasible(trial)
        if isinstance(smaller, set):
            members = [lit for lit in trial if lit.index in smaller] if smaller else trial
        else:
            minimal = minimal and smaller is None
            i += 1
    return _summarise([reason_of[lit.index] for lit in members]), minimal


def _summarise(reasons):
    """Merge the reasons that differ only by panel into one sentence naming the panels."""
    plural = dict((WITHIN_HOURS, OUTSIDE_BREAKS))
    groups = {}
    for reason in reasons:
        rest = tuple(sorted((k, v) for k, v in reason.params.items() if k != "panel"))
        key = (reason.template, rest) if reason.template in plural else (id(reason),)
        groups.setdefault(key, []).append(reason)
    merged = []
    for members in groups.values():
        first = members[0]
        if len(members) == 1:
            merged.append(first)
        else:
            panels = ", ".join(member.params["panel"] for member in members)
            merged.append(Reason(plural[first.template], {**first.params, "panel": panels}))
    return tuple(merged)
