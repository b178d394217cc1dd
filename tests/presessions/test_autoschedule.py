"""The automatic scheduler wired to the models: the service, the command, the background job and pages."""

import datetime as dt
import threading
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from core.errors import DomainError
from presessions.autoschedule import services
from presessions.autoschedule.problem import round_problem
from presessions.models import GENEVA, Presession, Room, SchedulingJob, UnavailabilityWindow
from presessions.programme import scheduling
from presessions.programme.conflicts import find_conflicts
from presessions.programme.selectors import timetable
from speakers.lineup.models import SpeakerSlot
from tests.factories.presessions import PresessionFactory, RoundFactory, StateFactory
from tests.factories.programme import (
    DayBreakFactory,
    RoomFactory,
    RoundDayFactory,
    SpeakerSlotFactory,
    UnavailabilityWindowFactory,
)
from tests.factories.world import user_with_mfa

pytestmark = pytest.mark.django_db

MARCH_1 = dt.date(2027, 3, 1)


def geneva(hour, minute=0):
    return dt.datetime.combine(MARCH_1, dt.time(hour, minute), tzinfo=GENEVA)


def confirmed_panel(round_, order, *, speakers=1, mode=SpeakerSlot.Mode.IN_PERSON, **kwargs):
    panel = PresessionFactory(round=round_, status=Presession.Status.CONFIRMED, review__order=order, **kwargs)
    panel.review.order = order
    panel.review.save(update_fields=["order"])
    for _ in range(speakers):
        SpeakerSlotFactory(application__presession=panel, mode=mode, time_zone="Africa/Nairobi")
    return panel


@pytest.fixture
def scene():
    """One hybrid room, 1 March 09:00–11:00; two 30-minute panels (one speaker: 5 + 10 + 15 minutes) in
    review order P1, P2; a side event on P1's SuR 09:00–09:30. Worked out by hand, the optimum puts P2 at
    09:00 and P1 at 09:30: one step backwards in the review order (cost 10), no clash, no idle time."""
    round_ = RoundFactory()
    room = RoomFactory(round=round_, name="Room A", mode=Room.Mode.HYBRID)
    RoundDayFactory(round=round_, date=MARCH_1, opens_at=dt.time(9), closes_at=dt.time(11))
    first = confirmed_panel(round_, 1, moderator_email="ana@example.org", moderator_name="Ana")
    second = confirmed_panel(round_, 2, moderator_email="omar@example.org", moderator_name="Omar")
    UnavailabilityWindowFactory(round=round_, review=first.review, label="Side event",
                                starts_at=geneva(9), ends_at=geneva(9, 30), weight=100)
    staff = user_with_mfa(is_staff=True, email="planner@example.org")
    return SimpleNamespace(round=round_, room=room, first=first, second=second, staff=staff)


def test_schedule_round_writes_the_optimum_into_the_draft(scene):
    outcome = services.schedule_round(scene.round, time_limit=20, actor=scene.staff, workers=1)

    scene.first.refresh_from_db()
    scene.second.refresh_from_db()
    assert outcome.result.status == "OPTIMAL"
    assert outcome.result.objective == 10
    slot = (scene.second.starts_at, scene.second.ends_at, scene.second.room)
    assert slot == (geneva(9), geneva(9, 30), scene.room)
    slot = (scene.first.starts_at, scene.first.ends_at, scene.first.room)
    assert slot == (geneva(9, 30), geneva(10), scene.room)
    assert outcome.written == 2
    record = scene.first.history.latest()
    assert (record.history_user, record.history_change_reason) == (scene.staff, "Automatic scheduling")


def test_schedule_round_draft_has_no_hard_conflict_for_the_programme_checker():
    # A busier round: two days with lunch, an in-person and a hybrid room, online speakers far away, one
    # moderator on four panels, one organisation on two: what the solver places, the timetable's own
    # conflict finder (which publishing obeys) accepts.
    round_ = RoundFactory()
    RoomFactory(round=round_, name="XXIII", mode=Room.Mode.IN_PERSON, capacity=100)
    RoomFactory(round=round_, name="XXIV", mode=Room.Mode.HYBRID, capacity=60)
    for n in range(2):
        day = RoundDayFactory(round=round_, date=MARCH_1 + dt.timedelta(days=n), closes_at=dt.time(17))
        DayBreakFactory(day=day)
    panels = []
    for order in range(1, 9):  # Ana moderates the four odd ones
        moderator = "ana@example.org" if order % 2 else f"m{order}@example.org"
        panels.append(confirmed_panel(round_, order, speakers=2, moderator_email=moderator,
                                      expected_audience=30 + 5 * order))
    for panel, zone in ((panels[0], "America/Lima"), (panels[3], "Pacific/Fiji")):
        SpeakerSlot.objects.filter(application__presession=panel).update(mode="online", time_zone=zone)
    shared = panels[1].applications.first().organisation
    panels[5].applications.filter(pk=panels[5].applications.first().pk).update(organisation=shared)

    outcome = services.schedule_round(round_, time_limit=30, actor=None, workers=1)

    assert outcome.result.found
    assert [c.message for c in find_conflicts(timetable(round_)) if c.is_hard] == []


def test_schedule_round_again_changes_nothing(scene):
    services.schedule_round(scene.round, time_limit=20, actor=scene.staff, workers=1)
    history = scene.first.history.count()

    outcome = services.schedule_round(scene.round, time_limit=20, actor=scene.staff, workers=1)

    assert outcome.written == 0
    assert scene.first.history.count() == history


def test_schedule_round_leaves_panels_that_are_not_confirmed(scene):
    proposed = PresessionFactory(round=scene.round, status=Presession.Status.PROPOSED)

    services.schedule_round(scene.round, time_limit=20, actor=scene.staff, workers=1)

    proposed.refresh_from_db()
    assert (proposed.starts_at, proposed.room) == (None, None)


def test_schedule_round_writes_nothing_into_a_room_deleted_while_it_solved(scene, monkeypatch):
    solve = services._solve_watched

    def solve_then_delete_the_room(*args):
        result = solve(*args)
        scene.room.delete()  # staff delete the room while the solver runs (outside any transaction)
        return result

    monkeypatch.setattr(services, "_solve_watched", solve_then_delete_the_room)

    outcome = services.schedule_round(scene.round, time_limit=20, actor=scene.staff, workers=1)

    scene.first.refresh_from_db()
    assert outcome.result.status == "OPTIMAL"
    assert (outcome.written, scene.first.starts_at, scene.first.room) == (0, None, None)


def test_schedule_round_infeasible_writes_nothing_and_explains(scene):
    Room.objects.filter(pk=scene.room.pk).update(mode=Room.Mode.IN_PERSON)
    online = confirmed_panel(scene.round, 3, mode=SpeakerSlot.Mode.ONLINE)
    speaker = online.applications.get().speaker_name

    outcome = services.schedule_round(scene.round, time_limit=20, actor=scene.staff, workers=1)

    scene.first.refresh_from_db()
    assert outcome.result.status == "INFEASIBLE"
    assert [reason.render() for reason in outcome.result.explanation] == [
        f"Room Room A is for in-person panels only, but {speaker} joins panel {online.review.state} online."]
    assert scene.first.starts_at is None
    assert outcome.written == 0


@pytest.mark.parametrize(("remove", "message"), [
    ("rooms", "Add the round's rooms before scheduling it."),
    ("days", "Add the round's days and opening hours before scheduling it."),
    ("presessions", "The round has no confirmed panel to schedule."),
])
def test_schedule_round_refuses_a_round_without_rooms_days_or_panels(scene, remove, message):
    if remove == "presessions":
        scene.round.presessions.update(status=Presession.Status.PROPOSED)
    else:
        getattr(scene.round, remove).all().delete()

    with pytest.raises(DomainError) as error:
        services.schedule_round(scene.round, time_limit=5, actor=scene.staff)

    assert str(error.value) == message


def test_round_problem_reads_lengths_keys_and_windows(scene):
    troika = StateFactory()
    scene.first.review.troika.add(troika)
    Presession.objects.filter(pk=scene.first.pk).update(opening_minutes=2)
    DayBreakFactory(day=scene.round.days.get(), starts_at=dt.time(10), ends_at=dt.time(10, 15))
    UnavailabilityWindowFactory(round=scene.round, kind=UnavailabilityWindow.Kind.MODERATOR,
                                moderator_email="Ana@Example.org", weight=40)
    UnavailabilityWindowFactory(round=scene.round, kind=UnavailabilityWindow.Kind.MISSION,
                                state=troika, label="", weight=20)

    loaded = round_problem(scene.round)

    first, second = loaded.problem.panels
    assert (first.duration, second.duration) == (35, 30)  # 2 + 5 + 10 + 15 rounded up to 5 minutes
    assert first.moderator_key == "ana@example.org"
    assert first.missions == (f"state:{scene.first.review.state_id}", f"state:{troika.pk}")
    assert [(w.kind, w.key, w.weight) for w in loaded.problem.unavailability] == [
        (scheduling.Kind.EVENT, f"review:{scene.first.review_id}", 100),
        (scheduling.Kind.MODERATOR, "ana@example.org", 40),
        (scheduling.Kind.MISSION, f"state:{troika.pk}", 20),
    ]
    assert loaded.problem.unavailability[2].label == "Mission unavailable"
    assert loaded.problem.days[0].breaks == (scheduling.Break(dt.time(10), dt.time(10, 15)),)
    assert loaded.problem.rooms == (scheduling.Room(scene.room.pk, "Room A", scheduling.Mode.HYBRID, 80),)


def test_schedule_round_reports_progress_on_the_calling_thread(scene):
    seen = []

    services.schedule_round(scene.round, time_limit=20, actor=scene.staff, workers=1,
                            on_progress=lambda progress, elapsed: seen.append(threading.current_thread()))

    assert seen
    assert set(seen) == {threading.current_thread()}


# The command -------------------------------------------------------------------------------------------


def test_command_prints_status_objective_costs_and_time(scene):
    out = StringIO()

    call_command("schedule_round", str(scene.round.number), "--time-limit", "20", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "Status: OPTIMAL"
    assert lines[1].startswith("Time: ")
    assert lines[2] == "Objective: 10 (best bound 10.0, gap 0.0%)"
    assert lines[3:10] == [
        "  Clashes with events: 0 → 0",
        "  Moderator unavailability: 0 → 0",
        "  Mission unavailability: 0 → 0",
        "  Compact days (idle minutes in rooms): 0 → 0",
        "  Room balance (panels between busiest and quietest room): 0 → 0",
        "  Day balance (panels beyond an even share per day): 0 → 0",
        "  WG review order (steps backwards in the order): 1 → 10",
    ]
    assert lines[10:] == [
        f"  2027-03-01 09:00–09:30  Room A  {scene.second.review.state}",
        f"  2027-03-01 09:30–10:00  Room A  {scene.first.review.state}",
        "2 panel(s) placed or moved in the draft timetable.",
    ]


def test_command_explains_an_infeasible_round_and_exits_2(scene):
    RoundDayFactory(round=scene.round, date=MARCH_1 + dt.timedelta(days=1))
    scene.round.days.filter(date=MARCH_1).update(closes_at=dt.time(9, 30))
    scene.round.days.exclude(date=MARCH_1).delete()
    out = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("schedule_round", str(scene.round.number), stdout=out)

    assert error.value.returncode == 2
    assert out.getvalue().splitlines()[2:] == [
        "No timetable satisfies these constraints together:",
        f"  - Panels {scene.first.review.state} (30 min), {scene.second.review.state} (30 min) must be held "
        "within the round's opening hours (2027-03-01 09:00–09:30).",
        "  - Room Room A can hold only one panel at a time.",
    ]


def test_command_refuses_an_unknown_round(db):
    with pytest.raises(CommandError, match="There is no round 999."):
        call_command("schedule_round", "999")


# The background job and its pages --------------------------------------------------------------------


def test_scheduling_job_runs_after_commit_and_records_the_result(scene, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_scheduling_job(scene.round, time_limit=20, actor=scene.staff)

    job.refresh_from_db()
    scene.first.refresh_from_db()
    assert (job.status, job.solver_status, job.objective, job.gap, job.placed) == (
        SchedulingJob.Status.SUCCEEDED, "OPTIMAL", 10, 0.0, 2)
    assert job.solutions >= 1
    assert scene.first.starts_at == geneva(9, 30)
    assert [(c["code"], c["amount"], c["cost"]) for c in job.costs][-1] == ("review_order", 1, 10)


def test_scheduling_job_stores_an_infeasible_explanation_rendered_in_the_readers_language(
    scene, django_capture_on_commit_callbacks
):
    scene.round.days.update(closes_at=dt.time(9, 30))
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_scheduling_job(scene.round, time_limit=20, actor=scene.staff)
    job.refresh_from_db()

    with translation.override("fr"):
        sentences = [services.render_reason(reason) for reason in job.explanation]
        labels = [cost["label"] for cost in services.render_costs(job.costs)]

    assert (job.status, job.solver_status) == (SchedulingJob.Status.FAILED, "INFEASIBLE")
    assert sentences[-1] == "La salle Room A ne peut accueillir qu’un panel à la fois."
    assert labels == []


def test_scheduling_job_one_at_a_time_per_round(scene):
    services.start_scheduling_job(scene.round, time_limit=20, actor=scene.staff)

    with pytest.raises(DomainError, match="already under way"):
        services.start_scheduling_job(scene.round, time_limit=20, actor=scene.staff)


def test_scheduling_job_interrupted_long_ago_no_longer_blocks_a_new_one(scene):
    stale = SchedulingJob.objects.create(round=scene.round, status=SchedulingJob.Status.RUNNING)
    SchedulingJob.objects.filter(pk=stale.pk).update(created=timezone.now() - dt.timedelta(minutes=26))

    job = services.start_scheduling_job(scene.round, time_limit=20, actor=scene.staff)

    stale.refresh_from_db()
    assert job.status == SchedulingJob.Status.PENDING
    assert stale.status == SchedulingJob.Status.FAILED
    assert stale.error == "The run was interrupted before it finished (its worker stopped)."


def test_scheduling_job_refuses_a_time_limit_out_of_range(scene):
    with pytest.raises(DomainError, match="between 1 and 600 seconds"):
        services.start_scheduling_job(scene.round, time_limit=601, actor=scene.staff)


def test_run_scheduling_job_runs_a_job_once(scene):
    job = SchedulingJob.objects.create(round=scene.round, status=SchedulingJob.Status.SUCCEEDED)

    assert services.run_scheduling_job(job.pk).status == SchedulingJob.Status.SUCCEEDED
    assert services.run_scheduling_job(job.pk + 1000) is None
    scene.first.refresh_from_db()
    assert scene.first.starts_at is None


def test_run_scheduling_job_records_a_refusal(scene):
    scene.round.rooms.all().delete()
    job = SchedulingJob.objects.create(round=scene.round, time_limit=20)

    services.run_scheduling_job(job.pk)

    job.refresh_from_db()
    assert job.status == SchedulingJob.Status.FAILED
    assert job.error == "Add the round's rooms before scheduling it."


def test_schedule_page_starts_a_job_and_redirects_to_its_progress(
    scene, client, django_capture_on_commit_callbacks
):
    client.force_login(scene.staff)
    url = reverse("presessions:schedule_round", args=[scene.round.number])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"time_limit": "20"})

    job = SchedulingJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("presessions:scheduling_job", args=[scene.round.number, job.token])
    page = client.get(response.url).content.decode()
    assert "OPTIMAL" in page
    assert "hx-get" not in page
    assert f"<td>{scene.first.review.state}</td><td>1 Mar 2027, 09:30 CET</td>" in page


def test_schedule_page_shows_a_refusal(scene, client):
    client.force_login(scene.staff)
    services.start_scheduling_job(scene.round, time_limit=20, actor=scene.staff)

    url = reverse("presessions:schedule_round", args=[scene.round.number])

    response = client.post(url, {"time_limit": "20"}, follow=True)

    assert "A scheduling run of this round is already under way." in response.content.decode()
    assert SchedulingJob.objects.count() == 1


def test_scheduling_job_fragment_polls_while_running(scene, client):
    client.force_login(scene.staff)
    job = SchedulingJob.objects.create(round=scene.round, time_limit=20, status=SchedulingJob.Status.RUNNING,
                                       elapsed=5, solutions=3, objective=40)
    url = reverse("presessions:scheduling_job", args=[scene.round.number, job.token])

    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert fragment.startswith('\n<section id="scheduling-progress"')
    assert f'hx-get="{url}"' in fragment
    assert '<progress id="scheduling-progress-bar" max="100" value="25">' in fragment
    assert "5 of at most 20 seconds; 3 timetables found so far" in fragment
    assert "Cost of the best timetable so far: 40" in fragment


@pytest.mark.parametrize("who", ["anonymous", "applicant"])
def test_scheduling_pages_are_for_staff_only(scene, client, who):
    if who == "applicant":
        client.force_login(user_with_mfa(email="someone@example.org"))
    job = SchedulingJob.objects.create(round=scene.round, time_limit=20)

    start = reverse("presessions:schedule_round", args=[scene.round.number])
    responses = [client.get(start), client.post(start, {"time_limit": "5"}),
                 client.get(reverse("presessions:scheduling_job", args=[scene.round.number, job.token]))]

    expected = 302 if who == "anonymous" else 403
    assert [r.status_code for r in responses] == [expected] * 3
    assert SchedulingJob.objects.count() == 1


QUERIES_SCHEDULE_PAGE = 5  # session, user, MFA authenticators, round, recent runs with who started them


@pytest.mark.parametrize("runs", [1, 8])
def test_schedule_page_lists_recent_runs_in_constant_queries(scene, client, django_assert_num_queries, runs):
    client.force_login(scene.staff)
    for _ in range(runs):
        SchedulingJob.objects.create(round=scene.round, created_by=user_with_mfa(), status="succeeded")
    url = reverse("presessions:schedule_round", args=[scene.round.number])
    client.get(url)

    with django_assert_num_queries(QUERIES_SCHEDULE_PAGE):
        response = client.get(url)

    assert response.content.decode().count(f'href="{url}') == runs


QUERIES_JOB_PAGE = 5  # session, user, MFA authenticators, job with round and who started it, draft


@pytest.mark.parametrize("panels", [1, 8])
def test_scheduling_job_page_lists_the_draft_in_constant_queries(client, django_assert_num_queries, panels):
    round_ = RoundFactory()
    room = RoomFactory(round=round_)
    for n in range(panels):
        PresessionFactory(round=round_, status="confirmed", room=room, starts_at=geneva(9 + n),
                          ends_at=geneva(10 + n))
    staff = user_with_mfa(is_staff=True)
    client.force_login(staff)
    job = SchedulingJob.objects.create(round=round_, created_by=staff, status="succeeded")
    url = reverse("presessions:scheduling_job", args=[round_.number, job.token])
    client.get(url)

    with django_assert_num_queries(QUERIES_JOB_PAGE):
        response = client.get(url)

    assert response.content.decode().count(f"<td>{room.name}</td>") == panels
