"""Staff pages of the automatic scheduler: start a run, then follow its progress (htmx-polled)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from core.access import guard
from core.errors import DomainError
from presessions.autoschedule.models import SchedulingJob
from presessions.rounds.models import Presession, Round

from .forms import SchedulingForm
from .services import render_costs, render_reason, start_scheduling_job

RECENT = 10


@guard("presessions.manage_rounds")
def schedule_round(request, number):
    round_ = get_object_or_404(Round, number=number)
    form = SchedulingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = start_scheduling_job(round_, time_limit=form.cleaned_data["time_limit"], actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            return redirect("presessions:scheduling_job", number=round_.number, token=job.token)
    jobs = SchedulingJob.objects.filter(round=round_).select_related("created_by")[:RECENT]
    return render(request, "presessions/schedule_round.html", {"round": round_, "form": form, "jobs": jobs})


@guard("presessions.manage_rounds")
def scheduling_job(request, number, token):
    job = get_object_or_404(
        SchedulingJob.objects.select_related("round", "created_by"), round__number=number, token=token
    )
    context = {
        "job": job,
        "round": job.round,
        "costs": render_costs(job.costs),
        "explanation": [render_reason(reason) for reason in job.explanation],
        "draft": _draft(job) if job.status == SchedulingJob.Status.SUCCEEDED else [],
    }
    if request.htmx:
        return render(request, "presessions/_schedulingjob_progress.html", context)
    return render(request, "presessions/schedulingjob_detail.html", context)


def _draft(job):
    return (
        Presession.objects.filter(round=job.round, status=Presession.Status.CONFIRMED)
        .select_related("review__state", "room")
        .order_by("starts_at", "room__order", "room__name", "pk")
    )
