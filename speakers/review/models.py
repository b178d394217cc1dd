"""Review: weighted criteria, reviewer assignments, assessments, conflict declarations and conflicts.

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


class ConflictDeclaration(models.Model):
    """What a reviewer typed to declare a conflict of interest, for the secretariat to decide on.

    A declaration reveals nothing to the reviewer: the organisations whose exact name or acronym matches
    the text are looked up on the server and shown to staff only (``matches``), the reviewer gets the
    same answer whether or not anything matched, and their list of applications does not change until
    staff confirm the declaration (which records a ``ConflictOfInterest`` per organisation) or dismiss it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        CONFIRMED = "confirmed", _("confirmed")
        DISMISSED = "dismissed", _("dismissed")

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="conflict_declarations",
    )
    text = models.CharField(_("organisation, as the reviewer typed it"), max_length=200)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    matches = models.ManyToManyField(
        "speakers.Organisation",
        verbose_name=_("matching organisations"),
        related_name="+",
        blank=True,
        help_text=_(
            "Organisations whose exact name or acronym is the typed text. Never shown to the reviewer."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conflict declaration")
        verbose_name_plural = _("conflict declarations")
        ordering = ["-declared_at", "-pk"]

    def __str__(self):
        return f"{self.text} ({self.get_status_display()})"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING


class ConflictOfInterest(models.Model):
    """A reviewer's conflict with an organisation, in force: they never see its applications.

    Recorded by staff, directly or by confirming the reviewer's ``declaration``.
    """

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
    declaration = models.ForeignKey(
        ConflictDeclaration,
        verbose_name=_("declaration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conflicts",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

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
