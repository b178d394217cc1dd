"""The automatic scheduler as a background job: real PostgreSQL, a real broker and a Celery worker process
(the solver runs in a thread of the worker, progress is written by the task's own thread)."""

import datetime as dt

import pytest
from django.db import transaction

from presessions.autoschedule.services import start_scheduling_job
from presessions.models import GENEVA, Presession, Room, SchedulingJob
from tests.factories.presessions import PresessionFactory, RoundFactory
from tests.factories.programme import RoomFactory, RoundDayFactory, SpeakerSlotFactory
from tests.factories.world import user_with_mfa
from tests.integration.conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_scheduling_job_runs_in_a_worker_and_writes_the_draft(start_worker):
    round_ = RoundFactory()
    rooms = [RoomFactory(round=round_, mode=Room.Mode.HYBRID) for _ in range(2)]
    RoundDayFactory(round=round_, date=dt.date(2027, 3, 1))
    panels = []
    for order in range(1, 7):
        panel = PresessionFactory(round=round_, status=Presession.Status.CONFIRMED, review__order=order,
                                  moderator_email=f"moderator{order % 2}@example.org")
        SpeakerSlotFactory(application__presession=panel)
        panels.append(panel)
    staff = user_with_mfa(is_staff=True)
    start_worker()

    with transaction.atomic():
        job = start_scheduling_job(round_, time_limit=20, actor=staff)

    job = wait_for(
        lambda: SchedulingJob.objects.filter(pk=job.pk, status=SchedulingJob.Status.SUCCEEDED).first(),
        timeout=90,
        message="the scheduling job did not finish",
    )
    assert (job.solver_status, job.placed) == ("OPTIMAL", 6)
    assert job.solutions >= 1  # written by the progress reports while the solver ran
    placed = Presession.objects.filter(round=round_).order_by("starts_at")
    assert {p.room_id for p in placed} <= {room.pk for room in rooms}
    assert all(p.starts_at.astimezone(GENEVA).date() == dt.date(2027, 3, 1) for p in placed)
    assert all(p.ends_at - p.starts_at == dt.timedelta(minutes=30) for p in placed)
