"""UN reference data: States, regional groups, cycles, Working Group sessions, Reviews, issues."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.jobs import BackgroundJob
from core.tokens import new_token
from core.translation import localized


class RegionalGroup(models.Model):
    """A UN regional group (African, Asia-Pacific, Eastern European, GRULAC, WEOG)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_es = models.CharField(_("name (Spanish)"), max_length=100)
    abbreviation = models.CharField(_("abbreviation"), max_length=16, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("regional group")
        verbose_name_plural = _("regional groups")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self)

    def natural_key(self):
        return (self.code,)


class State(models.Model):
    """A UN Member State or observer State."""

    class Status(models.TextChoices):
        MEMBER = "member", _("Member State")
        OBSERVER = "observer", _("Observer State")

    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    name_en = models.CharField(_("short name (English)"), max_length=120)
    name_fr = models.CharField(_("short name (French)"), max_length=120)
    name_es = models.CharField(_("short name (Spanish)"), max_length=120)
    regional_group = models.ForeignKey(
        RegionalGroup,
        verbose_name=_("regional group"),
        on_delete=models.PROTECT,
        related_name="states",
        null=True,
        blank=True,
        help_text=_("Empty for observer States."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MEMBER)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("State")
        verbose_name_plural = _("States")
        ordering = ["name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self)

    @property
    def is_observer(self):
        return self.status == self.Status.OBSERVER

    def natural_key(self):
        return (self.iso3,)


class StateAlias(models.Model):
    """Another name under which real data refers to a State (``Turkey``, ``DPR Korea``…).

    ``key`` is the normalised form used for look-ups (see ``upr.names.normalise_name``).
    """

    name = models.CharField(_("name as written"), max_length=200)
    key = models.CharField(_("look-up key"), max_length=200, unique=True, editable=False)
    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.CASCADE, related_name="aliases"
    )
    source = models.CharField(_("where this name is used"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("State alias")
        verbose_name_plural = _("State aliases")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} → {self.state.iso3}"


class Cycle(models.Model):
    """A UPR cycle (1st 2008–2011 … 4th 2022–2027)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        ordering = ["number"]

    def __str__(self):
        # Translators: a UPR cycle, e.g. "Cycle 4".
        return _("Cycle %(number)s") % {"number": self.number}

    def natural_key(self):
        return (self.number,)


class WorkingGroupSession(models.Model):
    """A session of the UPR Working Group, e.g. WG 54. Dates are editable data."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="sessions"
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Working Group session")
        verbose_name_plural = _("Working Group sessions")
        ordering = ["number"]

    def __str__(self):
        # Translators: a UPR Working Group session, e.g. "WG 54".
        return _("WG %(number)s") % {"number": self.number}

    def natural_key(self):
        return (self.number,)


class Review(models.Model):
    """One State under Review (SuR) in one Working Group session."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", pgettext_lazy("review status", "Scheduled")
        POSTPONED = "postponed", pgettext_lazy("review status", "Postponed")

    session = models.ForeignKey(
        WorkingGroupSession, verbose_name=_("session"), on_delete=models.PROTECT, related_name="reviews"
    )
    state = models.ForeignKey(
        State, verbose_name=_("State under Review"), on_delete=models.PROTECT, related_name="reviews"
    )
    order = models.PositiveSmallIntegerField(
        _("order of review"), null=True, blank=True, help_text=_("Position in the session, where known.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    is_derived = models.BooleanField(
        _("derived"),
        default=False,
        help_text=_(
            "Derived from the rule that session N reviews the States of session N−14, not from a source."
        ),
    )
    troika = models.ManyToManyField(
        State, verbose_name=_("troika"), blank=True, related_name="troika_reviews"
    )
    source = models.TextField(_("source"), blank=True)

    history = HistoricalRecords(m2m_fields=[troika])

    class Meta:
        verbose_name = _("Review")
        verbose_name_plural = _("Reviews")
        ordering = ["session__number", "order", "state__name_en"]
        constraints = [models.UniqueConstraint(fields=["session", "state"], name="unique_review_per_session")]

    def __str__(self):
        return f"{self.state} — {self.session}"

    @property
    def cycle(self):
        return self.session.cycle

    def document_symbol(self, part):
        """UN symbol of a review document: 1 national report, 2 UN compilation, 3 stakeholder summary."""
        return f"A/HRC/WG.6/{self.session.number}/{self.state.iso3}/{part}"


class Issue(models.Model):
    """An issue of the UPR Info taxonomy (plus the project's additions), in one of five themes."""

    class Theme(models.TextChoices):
        """The project's grouping of the issues (in this order), for the forms that list all of them."""

        CIVIL_POLITICAL = "civil-political", _("Civil and political rights")
        ECONOMIC_SOCIAL = "economic-social", _("Economic, social and cultural rights")
        GROUPS = "groups", _("Rights of specific groups")
        JUSTICE = "justice", _("Justice, security and accountability")
        FRAMEWORK = "framework", _("Human rights system and cooperation")

    slug = models.SlugField(_("key"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150)
    name_es = models.CharField(_("name (Spanish)"), max_length=150)
    source = models.CharField(_("source"), max_length=50, blank=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.FRAMEWORK)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self)

    def natural_key(self):
        return (self.slug,)


class Recommendation(models.Model):
    """A recommendation made to a State under Review in one Review.

    A joint recommendation, or the same text made by several States in one Review, is ONE
    recommendation with several recommending States. The natural key is ``(review, text_key)``
    where ``text_key`` is the hash of the normalised text (``upr.importing.keys.text_key``).

    Audit trail: staff edits are recorded by ``HistoricalRecords`` (it hooks ``save()``/``delete()``).
    The importer writes with ``bulk_create``/``bulk_update``, which send no signals, so importing
    the 41,066 UPR Info rows creates no history rows; the import itself is recorded by its
    ``ImportJob`` report and the ``source_file``/``source_line`` of each row.
    """

    class Response(models.TextChoices):
        SUPPORTED = "supported", pgettext_lazy("recommendation response", "Supported")
        NOTED = "noted", pgettext_lazy("recommendation response", "Noted")

    class ActionCategory(models.IntegerChoices):
        # Translators: UPR Info's action categories of recommendations (1 = least action, 5 = most specific).
        MINIMAL = 1, _("1 – Minimal action")
        CONTINUING = 2, _("2 – Continuing action")
        CONSIDERING = 3, _("3 – Considering action")
        GENERAL = 4, _("4 – General action")
        SPECIFIC = 5, _("5 – Specific action")

    review = models.ForeignKey(
        Review, verbose_name=_("Review"), on_delete=models.PROTECT, related_name="recommendations"
    )
    recommending_states = models.ManyToManyField(
        State,
        verbose_name=_("recommending States"),
        through="RecommendingState",
        related_name="recommendations_made",
    )
    text = models.TextField(_("text"))
    text_key = models.CharField(
        _("text key"), max_length=64, editable=False, help_text=_("Hash of the normalised text.")
    )
    paragraph = models.CharField(
        _("paragraph"), max_length=20, blank=True, help_text=_("For example 28.212.")
    )
    response = models.CharField(_("response"), max_length=10, choices=Response.choices, blank=True)
    action_category = models.PositiveSmallIntegerField(
        _("action category"), choices=ActionCategory.choices, null=True, blank=True
    )
    issues = models.ManyToManyField(
        Issue,
        verbose_name=_("issues"),
        through="RecommendationIssue",
        related_name="recommendations",
        blank=True,
    )
    ohchr_themes = models.JSONField(_("OHCHR themes"), default=list, blank=True)
    groups_of_persons = models.JSONField(_("groups of persons"), default=list, blank=True)
    sdgs = models.JSONField(_("SDGs"), default=list, blank=True)
    source_document = models.CharField(
        _("source document"), max_length=100, blank=True, help_text=_("UN symbol, e.g. A/HRC/59/15/Add.1.")
    )
    source_file = models.CharField(_("imported from file"), max_length=255, blank=True)
    source_line = models.PositiveIntegerField(_("line"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "text_key"], name="unique_recommendation_text_per_review"
            ),
        ]
        indexes = [
            models.Index(fields=["response"], name="upr_rec_response_idx"),
            models.Index(fields=["action_category"], name="upr_rec_action_idx"),
        ]

    def __str__(self):
        return f"{self.paragraph} {self.text[:80]}".strip()


class RecommendingState(models.Model):
    """Link of a Recommendation to one of its recommending States (in the order published)."""

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="state_links"
    )
    state = models.ForeignKey(State, verbose_name=_("State"), on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("recommending State")
        verbose_name_plural = _("recommending States")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "state"], name="unique_recommending_state"),
        ]

    def __str__(self):
        return str(self.state)


class RecommendationIssue(models.Model):
    """Link of a Recommendation to one UPR Info issue."""

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="issue_links"
    )
    issue = models.ForeignKey(Issue, verbose_name=_("issue"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("recommendation issue")
        verbose_name_plural = _("recommendation issues")
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "issue"], name="unique_recommendation_issue"),
        ]

    def __str__(self):
        return str(self.issue)


class RecommendationSuggestion(models.Model):
    """Issues and an action category suggested by the classifier, for staff to confirm, adjust or reject.

    ``suggested_issues`` holds ``[[issue slug, score 0–1], …]`` best first; the confirmed values are
    written to the Recommendation itself (``upr.suggestions.confirm_suggestion``).
    """

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("suggestion status", "Pending")
        CONFIRMED = "confirmed", pgettext_lazy("suggestion status", "Confirmed")
        REJECTED = "rejected", pgettext_lazy("suggestion status", "Rejected")

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="suggestions"
    )
    suggested_issues = models.JSONField(_("suggested issues"), default=list, blank=True)
    action_category = models.PositiveSmallIntegerField(
        _("suggested action category"), choices=Recommendation.ActionCategory.choices, null=True, blank=True
    )
    action_probability = models.FloatField(_("probability of the action category"), null=True, blank=True)
    rule_category = models.PositiveSmallIntegerField(
        _("action category by first verb"),
        choices=Recommendation.ActionCategory.choices,
        null=True,
        blank=True,
    )
    rule_phrase = models.CharField(_("deciding words"), max_length=40, blank=True)
    model_version = models.CharField(_("model version"), max_length=20)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    confirmed_issues = models.JSONField(_("confirmed issues"), default=list, blank=True)
    confirmed_action_category = models.PositiveSmallIntegerField(
        _("confirmed action category"), choices=Recommendation.ActionCategory.choices, null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("classification suggestion")
        verbose_name_plural = _("classification suggestions")
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation"],
                condition=models.Q(status="pending"),
                name="one_pending_suggestion_per_recommendation",
            ),
        ]
        indexes = [models.Index(fields=["status", "created"], name="upr_sugg_status_idx")]

    def __str__(self):
        return f"{self.recommendation_id}: {self.get_status_display()}"

    @property
    def suggested_slugs(self):
        return [slug for slug, _score in self.suggested_issues]

    @property
    def scores_by_slug(self):
        return {slug: score for slug, score in self.suggested_issues}


def _import_upload_path(instance, filename):
    """Random stored name; the original name is kept in ``original_name`` for the report only."""
    return f"imports/recommendations/{secrets.token_hex(16)}.upload"


_job_token = new_token  # the name migration 0004_importjob refers to


class ImportJob(BackgroundJob):
    """A recommendations file uploaded by staff and imported in the background, with its progress.

    Written only by ``upr.importing.jobs`` (and the Celery task that calls it); no history table:
    the row itself is the record of who imported what, when, and with which result.
    """

    file = models.FileField(_("file"), upload_to=_import_upload_path)
    original_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(
        _("format"), max_length=20, blank=True, help_text=_("Empty: recognised from the content.")
    )
    review_option = models.CharField(_("Review (ISO3:SESSION)"), max_length=12, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    rows_done = models.PositiveIntegerField(_("rows read"), default=0)
    rows_total = models.PositiveIntegerField(_("rows expected"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    report = models.TextField(_("report"), blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("recommendation import")
        verbose_name_plural = _("recommendation imports")

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def percent(self):
        if self.is_finished:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)
