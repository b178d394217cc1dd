"""The CP-SAT scheduler as a pure function: hard constraints, soft costs, explanations, determinism."""

from datetime import date, datetime, time

import pytest

from presessions.models import GENEVA
from presessions.programme.scheduling import (
    Break,
    Day,
    Kind,
    Mode,
    Panel,
    Placement,
    Problem,
    Room,
    SchedulingInputError,
    Speaker,
    Unavailability,
    Weights,
    solve,
)

MONDAY = date(2026, 3, 2)
ROOM_A = Room("a", "A")


def at(hour, minute=0, day=MONDAY):
    return datetime.combine(day, time(hour, minute), tzinfo=GENEVA)


def day(opens=9, closes=12, on=MONDAY, breaks=()):
    return Day(on, time(opens), time(closes), tuple(Break(time(*a), time(*b)) for a, b in breaks))


def panel(number, duration=60, **kwargs):
    kwargs.setdefault("review_order", number)
    kwargs.setdefault("sur", f"S{number}")
    return Panel(number, f"P{number}", duration, **kwargs)


def run(panels, rooms=(ROOM_A,), days=None, **kwargs):
    problem = Problem(tuple(panels), tuple(rooms), tuple(days or (day(),)), **kwargs)
    return solve(problem, time_limit=20, workers=1, seed=0)


def starts(result):
    return {p.panel: (f"{p.starts.astimezone(GENEVA):%Y-%m-%d %H:%M}", p.room) for p in result.placements}


def explained(result):
    return [reason.render() for reason in result.explanation]


def test_solve_small_case_is_the_optimum_worked_out_by_hand():
    # One room, 09:00–12:00, three one-hour panels in review order P1, P2, P3; an event concerning P1's
    # SuR from 09:00 to 11:00 (weight 100). P1 at 11:00 avoids the clash; P2, P3 then fill 09:00 and
    # 10:00 in order: one step backwards (P2 before P1), cost 10. Any other order costs 20 or 100+.
    event = Unavailability(Kind.EVENT, "S1", at(9), at(11), "side event", 100)

    result = run([panel(1), panel(2), panel(3)], unavailability=(event,))

    assert result.status == "OPTIMAL"
    assert starts(result) == {2: ("2026-03-02 09:00", "a"), 3: ("2026-03-02 10:00", "a"),
                              1: ("2026-03-02 11:00", "a")}
    assert result.objective == 10
    assert {c.code: (c.amount, c.cost) for c in result.costs} == {
        "events": (0, 0), "moderator_unavailability": (0, 0), "mission_unavailability": (0, 0),
        "compact_days": (0, 0), "balance_rooms": (0, 0), "balance_days": (0, 0), "review_order": (1, 10)}
    assert result.gap == 0.0


def test_solve_reports_each_clash_and_the_objective_is_the_sum_of_soft_costs():
    # Two one-hour panels, one hour of opening: one must clash with something.
    windows = (Unavailability(Kind.MODERATOR, "ana", at(9), at(12), "Ana at the HRC", 30),
               Unavailability(Kind.MISSION, "S2", at(9), at(12), "Mission of S2 away", 200))
    panels = [panel(1, moderator_key="ana", moderator_name="Ana"), panel(2, missions=("S2",))]

    result = run(panels, rooms=(ROOM_A, Room("b", "B")), days=[day(9, 10)], unavailability=windows)

    costs = {c.code: c for c in result.costs}
    assert result.status == "OPTIMAL"
    assert costs["moderator_unavailability"].cost == 30
    assert costs["mission_unavailability"].cost == 200
    assert [r.render() for r in costs["mission_unavailability"].details] == [
        "Panel P2 overlaps Mission of S2 away (2026-03-02 09:00–2026-03-02 12:00)."]
    assert result.objective == sum(c.cost for c in result.costs) == 230


def test_solve_puts_one_panel_per_room_at_a_time():
    result = run([panel(1), panel(2)], days=[day(9, 11)])

    assert starts(result) == {1: ("2026-03-02 09:00", "a"), 2: ("2026-03-02 10:00", "a")}


def test_solve_room_one_at_a_time_infeasible_is_explained():
    result = run([panel(1), panel(2)], days=[day(9, 10)])

    assert result.status == "INFEASIBLE"
    assert explained(result) == [
        "Panels P1 (60 min), P2 (60 min) must be held within the round's opening hours "
        "(2026-03-02 09:00–10:00).",
        "Room A can hold only one panel at a time.",
    ]
    assert result.explanation_minimal is True


@pytest.mark.parametrize(("first", "second", "words"), [
    ({"moderator_key": "ana", "moderator_name": "Ana Ruiz"},
     {"moderator_key": "ana", "moderator_name": "Ana Ruiz"},
     "Moderator Ana Ruiz cannot be in two panels at once (P1, P2)."),
    ({"speakers": (Speaker("p7", "Yolanda Q."),)}, {"speakers": (Speaker("p7", "Yolanda Q."),)},
     "Yolanda Q. cannot be in two panels at once (P1, P2)."),
    ({"speakers": (Speaker("p1", "A", "o9", "Defenders Network"),)},
     {"speakers": (Speaker("p2", "B", "o9", "Defenders Network"),)},
     "Organisation Defenders Network cannot be in two panels at once (P1, P2)."),
])
def test_solve_never_puts_a_moderator_person_or_organisation_in_two_panels_at_once(first, second, words):
    two_rooms = (ROOM_A, Room("b", "B"))

    together = run([panel(1, **first), panel(2, **second)], rooms=two_rooms, days=[day(9, 10)])
    apart = run([panel(1, **first), panel(2, **second)], rooms=two_rooms, days=[day(9, 11)])

    assert together.status == "INFEASIBLE"
    assert words in explained(together)
    assert len(together.explanation) == 2
    assert apart.status == "OPTIMAL"
    assert sorted(s for s, _ in starts(apart).values()) == ["2026-03-02 09:00", "2026-03-02 10:00"]


def test_solve_keeps_panels_within_opening_hours():
    result = run([panel(1, duration=90)], days=[day(9, 10)])

    assert result.status == "INFEASIBLE"
    assert explained(result) == [
        "Panel P1 (90 min) must be held within the round's opening hours (2026-03-02 09:00–10:00)."]


def test_solve_never_places_a_panel_over_a_break():
    # The event pushes P1 out of 09:00–10:00; 10:00 would overlap the 10:00–10:30 break.
    event = Unavailability(Kind.EVENT, None, at(9), at(10), "opening ceremony", 100)

    result = run([panel(1)], days=[day(9, 12, breaks=[((10, 0), (10, 30))])], unavailability=(event,))
    too_long = run([panel(1, duration=75)], days=[day(9, 11, breaks=[((10, 0), (10, 30))])])

    assert starts(result) == {1: ("2026-03-02 10:30", "a")}
    assert explained(too_long) == [
        "Panel P1 (75 min) must be held within the round's opening hours (2026-03-02 09:00–11:00).",
        "Panel P1 (75 min) must not overlap a break (2026-03-02 10:00–10:30).",
    ]


def test_solve_fits_room_mode_and_capacity():
    online = Speaker("p1", "Yolanda", online=True, timezone="Europe/Paris")
    in_room = Speaker("p2", "Omar")
    rooms = (Room("a", "A", Mode.IN_PERSON), Room("b", "B", Mode.HYBRID, capacity=30),
             Room("c", "C", Mode.ONLINE))

    placed = run([panel(1, speakers=(online, in_room))], rooms=rooms)
    crowded = run([panel(1, speakers=(online, in_room), seats=40)], rooms=rooms)

    assert starts(placed) == {1: ("2026-03-02 09:00", "b")}
    assert explained(crowded) == [
        "Room A is for in-person panels only, but Yolanda joins panel P1 online.",
        "Room B seats 30, but panel P1 needs 40 seats.",
        "Room C is online only, but Omar attends panel P1 in person.",
    ]


@pytest.mark.parametrize(("on", "earliest"), [
    (date(2026, 3, 27), "13:00"),  # Geneva UTC+1, Lima UTC-5: 07:00 in Lima is 13:00 in Geneva
    (date(2026, 3, 30), "14:00"),  # after Geneva's change to summer time (29 March): 14:00
])
def test_solve_keeps_online_speakers_between_7_and_22_their_time_across_dst(on, earliest):
    lima = Speaker("p1", "Yolanda", online=True, timezone="America/Lima")

    result = run([panel(1, speakers=(lima,))], rooms=(Room("b", "B", Mode.HYBRID),), days=[day(9, 18, on=on)])

    assert starts(result) == {1: (f"{on:%Y-%m-%d} {earliest}", "b")}


def test_solve_explains_an_online_speaker_who_would_speak_at_night():
    auckland = Speaker("p1", "Mere", online=True, timezone="Pacific/Auckland")  # UTC+13 in March

    result = run([panel(1, speakers=(auckland,))], rooms=(Room("b", "B", Mode.HYBRID),), days=[day(14, 18)])

    assert explained(result) == [
        "Panel P1 (60 min) must be held within the round's opening hours (2026-03-02 14:00–18:00).",
        "Mere joins panel P1 online from Pacific/Auckland and must speak between 07:00 and 22:00 their time.",
    ]


def test_solve_keeps_fixed_placements_and_names_conflicting_ones():
    fixed = (Placement(1, "b", at(10)),)
    rooms = (ROOM_A, Room("b", "B"))

    kept = run([panel(1), panel(2)], rooms=rooms, fixed=fixed)
    clash = run([panel(1), panel(2)], fixed=(Placement(1, "a", at(9)), Placement(2, "a", at(9, 30))))

    assert starts(kept)[1] == ("2026-03-02 10:00", "b")
    assert explained(clash) == [
        "Room A can hold only one panel at a time.",
        "Panel P1 is fixed at 2026-03-02 09:00 in room A.",
        "Panel P2 is fixed at 2026-03-02 09:30 in room A.",
    ]


def test_solve_infeasible_names_the_smallest_conflicting_set_only():
    # Many satisfiable constraints around one conflict: only the conflict is named.
    yolanda = Speaker("p9", "Yolanda", online=True, timezone="Africa/Nairobi")
    kenya = panel(9, duration=90, speakers=(yolanda,))
    others = [panel(n, moderator_key="ana", moderator_name="Ana") for n in range(1, 4)]
    days = [day(9, 13, on=date(2026, 3, 2 + n), breaks=[((11, 0), (11, 30))]) for n in range(2)]

    result = run([*others, kenya], rooms=(Room("a", "A", Mode.IN_PERSON),), days=days)

    assert result.status == "INFEASIBLE"
    assert explained(result) == ["Room A is for in-person panels only, but Yolanda joins panel P9 online."]
    assert result.explanation_minimal is True


def test_solve_balances_rooms_and_compacts_days():
    rooms = (ROOM_A, Room("b", "B"))

    result = run([panel(n) for n in range(1, 5)], rooms=rooms, days=[day(9, 18)])

    assert sorted(starts(result).values()) == [
        ("2026-03-02 09:00", "a"), ("2026-03-02 09:00", "b"), ("2026-03-02 10:00", "a"),
        ("2026-03-02 10:00", "b")]
    assert result.objective == 0


def test_solve_spreads_panels_over_the_days():
    days = [day(9, 12, on=date(2026, 3, 2 + n)) for n in range(3)]

    result = run([panel(n) for n in range(1, 7)], days=days)

    per_day = sorted(sum(1 for p in result.placements if p.starts.date() == d.date) for d in days)
    assert per_day == [2, 2, 2]
    assert result.objective == 0


def test_solve_is_deterministic_with_a_fixed_seed():
    speakers = [Speaker(f"p{n}", f"S{n}", f"o{n % 3}", f"Org {n % 3}") for n in range(8)]
    panels = [panel(n, duration=45 + 15 * (n % 3), moderator_key=f"m{n % 3}", speakers=(speakers[n % 8],))
              for n in range(1, 11)]
    days = [day(9, 17, on=date(2026, 3, 2 + n), breaks=[((12, 30), (14, 0))]) for n in range(2)]
    problem = Problem(tuple(panels), (ROOM_A, Room("b", "B", Mode.HYBRID)), tuple(days),
                      (Unavailability(Kind.MODERATOR, "m1", at(9), at(12), "away", 50),), weights=Weights())

    first = solve(problem, time_limit=20, workers=1, seed=3)
    second = solve(problem, time_limit=20, workers=1, seed=3)

    assert first.status == "OPTIMAL"
    assert first.placements == second.placements
    assert first.objective == second.objective


def test_solve_reports_progress_per_solution():
    seen = []

    result = solve(Problem((panel(1), panel(2)), (ROOM_A,), (day(),)), time_limit=10, workers=1,
                   on_progress=seen.append)

    assert result.status == "OPTIMAL"
    assert seen and seen[-1].objective == result.objective
    assert [p.solutions for p in seen] == list(range(1, len(seen) + 1))


@pytest.mark.parametrize("problem", [
    Problem((panel(1),), (), (day(),)),
    Problem((panel(1),), (ROOM_A,), ()),
    Problem((panel(1, duration=0),), (ROOM_A,), (day(),)),
    Problem((panel(1, speakers=(Speaker("p", "P", online=True, timezone="Mars/Olympus"),)),), (ROOM_A,),
            (day(),)),
    Problem((panel(1),), (ROOM_A,), (day(),),
            (Unavailability(Kind.EVENT, None, datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 10)),)),  # noqa: DTZ001
    Problem((panel(1),), (ROOM_A,), (day(),), fixed=(Placement(1, "nowhere", at(9)),)),
    Problem((panel(1),), (ROOM_A,), (day(9, 12, breaks=[((8, 0), (9, 30))]),)),
])
def test_solve_refuses_malformed_problems(problem):
    with pytest.raises(SchedulingInputError):
        solve(problem)
