"""Automatic scheduling: solve a round and write the draft timetable; the background job around it."""

import logging
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.jobs import claim
from presessions.autoschedule.models import SchedulingJob
from presessions.programme import scheduling
from presessions.programme.models import Room
from presessions.rounds.models import Presession

from .problem import RoundProblem, round_problem

logger = logging.getLogger(__name__)

# The task that runs a job (``presessions.autoschedule.tasks``), queued by name: the task module calls
# this one, so this module does not import it back. ``PresessionsConfig.ready()`` registers it.
RUN_TASK = "presessions.run_scheduling_job"
# A run still unfinished this long after it was queued was interrupted (a run lasts at most its time
# limit, plus as much again to explain an infeasible round): it no longer blocks a new one.
ABANDONED_AFTER = timedelta(seconds=2 * SchedulingJob.MAX_TIME_LIMIT + 300)

PROGRESS_EVERY_SECONDS = 0.5
CHANGE_REASON = "Automatic scheduling"


@dataclass(frozen=True)
class Outcome:
    result: scheduling.Result
    written: int  # panels whose draft slot or room changed
    loaded: RoundProblem  # what was solved, to name panels and rooms


def schedule_round(round_, *, time_limit, actor, on_progress=None, workers=2):
    """Place every confirmed panel of ``round_`` and write the draft (slot and room of each panel).

    ``on_progress(progress_or_None, elapsed_seconds)`` is called on the calling thread about twice a
    second while the solver runs. Writes nothing unless a timetable is found.
    """
    _check_time_limit(time_limit)
    loaded = round_problem(round_)
    try:
        result = _solve_watched(loaded.problem, time_limit, workers, on_progress)
    except scheduling.SchedulingInputError as error:
        message = _("The round's programme data cannot be scheduled: %(error)s") % {"error": error}
        raise DomainError(message) from None
    written = _write_draft(result, actor) if result.found else 0
    return Outcome(result, written, loaded)


def _check_time_limit(seconds):
    limit = SchedulingJob.MAX_TIME_LIMIT
    if not 1 <= seconds <= limit:
        message = _("The time limit must be between 1 and %(max)s seconds.") % {"max": limit}
        raise DomainError(message)


def _solve_watched(problem, time_limit, workers, on_progress):
    """Run the solver in a thread; report progress from this one (which owns the database connection)."""
    if on_progress is None:
        return scheduling.solve(problem, time_limit=time_limit, workers=workers)
    latest, outcome = [None], {}

    def remember(progress):
        latest[0] = progress

    def work():
        try:
            outcome["result"] = scheduling.solve(
                problem, time_limit=time_limit, workers=workers, on_progress=remember
            )
        except BaseException as error:  # noqa: BLE001 (re-raised on the calling thread)
            outcome["error"] = error

    began = time.monotonic()
    thread = threading.Thread(target=work, name="cp-sat", daemon=True)
    thread.start()
    while True:  # at least one report, however fast the solver is
        thread.join(PROGRESS_EVERY_SECONDS)
        on_progress(latest[0], time.monotonic() - began)
        if not thread.is_alive():
            break
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _write_draft(result, actor):
    """Write the placements of the panels still confirmed, into rooms that still exist (the solve ran
    outside this transaction). Returns how many panels changed."""
    placements = {placement.panel: placement for placement in result.placements}
    written = 0
    with transaction.atomic():
        rooms = Room.objects.in_bulk({placement.room for placement in placements.values()})
        panels = Presession.objects.select_for_update().filter(
            pk__in=placements, status=Presession.Status.CONFIRMED
        )
        for presession in panels:
            placement = placements[presession.pk]
            if placement.room not in rooms:
                continue
            if (presession.starts_at, presession.ends_at, presession.room_id) == (
                placement.starts, placement.ends, placement.room
            ):
                continue
            presession.starts_at, presession.ends_at = placement.starts, placement.ends
            presession.room = rooms[placement.room]
            presession._history_user = actor
            presession._change_reason = CHANGE_REASON
            presession.save(update_fields=["starts_at", "ends_at", "room"])
            written += 1
    return written


# The background job -----------------------------------------------------------------------------------


def start_scheduling_job(round_, *, time_limit, actor):
    """Queue a scheduling run for ``round_`` (one at a time per round)."""
    _check_time_limit(time_limit)
    with transaction.atomic():
        type(round_).objects.select_for_update().get(pk=round_.pk)
        unfinished = SchedulingJob.objects.filter(round=round_, status__in=SchedulingJob.UNFINISHED)
        unfinished.filter(created__lt=timezone.now() - ABANDONED_AFTER).update(
            status=SchedulingJob.Status.FAILED,
            finished=timezone.now(),
            error=_("The run was interrupted before it finished (its worker stopped)."),
        )
        if unfinished.exists():
            raise DomainError(_("A scheduling run of this round is already under way."))
        job = SchedulingJob.objects.create(round=round_, time_limit=time_limit, created_by=actor)
        transaction.on_commit(lambda: current_app.tasks[RUN_TASK].delay(job_id=job.pk))
    return job


def run_scheduling_job(job_id):
    """Run a pending job once (a redelivered task finds it running or finished and does nothing)."""
    job, claimed = claim(SchedulingJob, job_id, related=("round",))
    if not claimed:
        return job
    try:
        outcome = schedule_round(
            job.round, time_limit=job.time_limit, actor=job.created_by, on_progress=_progress_writer(job.pk)
        )
    except DomainError as error:
        return job.finish(SchedulingJob.Status.FAILED, error=str(error))
    except Exception:
        logger.exception("Scheduling job %s failed.", job_id)
        return job.finish(SchedulingJob.Status.FAILED, error=_(
            "The scheduler stopped on an unexpected error; nothing was written. "
            "The technical details are in the server log."))
    result = outcome.result
    return job.finish(
        SchedulingJob.Status.SUCCEEDED if result.found else SchedulingJob.Status.FAILED,
        solver_status=result.status,
        objective=result.objective,
        best_bound=result.best_bound,
        gap=result.gap,
        elapsed=result.wall_time,
        placed=outcome.written,
        costs=[_cost_data(cost) for cost in result.costs],
        explanation=[_reason_data(reason) for reason in result.explanation],
        explanation_minimal=result.explanation_minimal,
    )


def _progress_writer(job_id):
    def write(progress, elapsed):
        fields = {"elapsed": elapsed}
        if progress is not None:
            fields.update(solutions=progress.solutions, objective=round(progress.objective))
        SchedulingJob.objects.filter(pk=job_id).update(**fields)

    return write


def _reason_data(reason):
    return {"template": reason.template, "params": {k: str(v) for k, v in reason.params.items()}}


def _cost_data(cost):
    return {
        "code": cost.code,
        "label": cost.label,
        "amount": cost.amount,
        "cost": cost.cost,
        "details": [_reason_data(reason) for reason in cost.details],
    }


def render_reason(data):
    """A stored reason as a sentence in the active language."""
    return scheduling.Reason(data["template"], data["params"]).render(_)


def render_costs(costs):
    """Stored costs with their label and details in the active language."""
    return [
        {**cost, "label": _(cost["label"]), "details": [render_reason(d) for d in cost["details"]]}
        for cost in costs
    ]
