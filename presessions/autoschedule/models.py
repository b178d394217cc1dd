"""A run of the automatic scheduler (``presessions.autoschedule``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.jobs import BackgroundJob


class SchedulingJob(BackgroundJob):
    """A run of the automatic scheduler started by staff, with its progress and its result.

    Written only by ``presessions.autoschedule.services`` (and the task that calls it).

    ``costs`` is a list of ``{"code", "label", "amount", "cost", "details": [reason]}``, ``explanation``
    a list of reasons; a reason is ``{"template", "params"}``, rendered in the reader's language.
    """

    DEFAULT_TIME_LIMIT = 30
    MAX_TIME_LIMIT = 600

    round = models.ForeignKey(
        "presessions.Round", verbose_name=_("round"), on_delete=models.CASCADE, related_name="scheduling_jobs"
    )
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=DEFAULT_TIME_LIMIT)
    solutions = models.PositiveIntegerField(_("timetables found"), default=0)
    elapsed = models.FloatField(_("seconds elapsed"), default=0)
    # Translators: OPTIMAL, FEASIBLE, INFEASIBLE or UNKNOWN, as the solver (OR-Tools CP-SAT) reports it.
    solver_status = models.CharField(_("solver status"), max_length=12, blank=True)
    objective = models.IntegerField(_("objective"), null=True, blank=True)
    best_bound = models.FloatField(_("best bound"), null=True, blank=True)
    gap = models.FloatField(_("optimality gap"), null=True, blank=True)
    placed = models.PositiveIntegerField(_("panels placed"), default=0)
    costs = models.JSONField(_("soft constraint costs"), default=list, blank=True)
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    explanation_minimal = models.BooleanField(_("explanation is minimal"), default=False)
    error = models.TextField(_("error"), blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("scheduling run")
        verbose_name_plural = _("scheduling runs")

    def __str__(self):
        return f"{self.round} ({self.get_status_display()})"

    @property
    def percent(self):
        """Share of the time limit used (the solver may finish earlier, when it proves the optimum)."""
        if self.is_finished:
            return 100
        return min(99, int(self.elapsed * 100 // max(1, self.time_limit)))

    @property
    def gap_percent(self):
        return None if self.gap is None else round(100 * self.gap, 1)
