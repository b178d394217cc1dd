"""Review: weighted criteria, reviewer assignments, assessments, conflicts of interest.

Slim models: every state change goes through ``speakers.review.services``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.translation import localized


class ReviewCriterion(models.Model):
    """A weighted scoring criterion of a Round (e.g. "link to the submission", weight 2, scale 0–5)."""

    round = models.ForeignKey(
        "presessions.Round", verbose_name=_("round"), on_delete=models.CASCADE, related_name="review_criteria"
    )
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=150, blank=True)
    help_text_en = models.CharField(_("guidance (English)"), max_length=400, blank=True)
    help_text_fr = models.CharField(_("guidance (French)"), max_length=400, blank=True)
    help_text_es = models.CharField(_("guidance (Spanish)"), max_length=400, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["round", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")), name="criterion_scale_not_empty"
            ),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self)

    @property
    def help_text(self):
        return localized(self, "help_text")

    @property
    def scale(self):
        return range(self.scale_min, self.scale_max + 1)


class ReviewerAssignment(models.Model):
    """A reviewer asked by staff to assess one application."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    application = models.ForeignKey(
        "speakers.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="reviewer_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        ordering = ["application", "reviewer__email"]
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "application"], name="unique_reviewer_assignment")
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.application_id}"


class ConflictOfInterest(models.Model):
    """A reviewer's declared conflict with an organisation: they never see its applications."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="conflicts_of_interest",
    )
    organisation = models.ForeignKey(
        "speakers.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="conflicts_of_interest",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["reviewer__email", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "organisation"], name="unique_conflict_of_interest")
        ]

    def __str__(self):
        return f"{self.reviewer} ≠ {self.organisation}"


class Assessment(models.Model):
    """One reviewer's scores and comment on one application; ``total`` is the weighted mean."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    application = models.ForeignKey(
        "speakers.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    comment = models.TextField(_("comment"), blank=True)
    total = models.DecimalField(
        _("weighted score"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Weighted mean of the scores, on a scale of 0 to 100."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["application", "reviewer__email"]
        constraints = [models.UniqueConstraint(fields=["reviewer", "application"], name="unique_assessment")]

    def __str__(self):
        return f"{self.reviewer} · {self.application_id} · {self.total}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class AssessmentScore(models.Model):
    """The score given on one criterion."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        ReviewCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["assessment", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="unique_score_per_criterion")
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"
