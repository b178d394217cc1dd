"""Rounds (a Pre-session series for one WG session), their call for applications and their panels.

Slim models: every state change goes through ``presessions/services.py``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.tokens import new_token
from core.translation import localized


class Round(models.Model):
    """A Pre-session series for one Working Group session, e.g. "Pre-sessions 54".

    The call window and every deadline are aware datetimes; they are entered and shown in
    Europe/Zurich (Geneva time), the project's ``TIME_ZONE``.
    """

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("round status", "Draft")
        OPEN = "open", pgettext_lazy("round status", "Call open")
        CLOSED = "closed", pgettext_lazy("round status", "Call closed")
        ARCHIVED = "archived", pgettext_lazy("round status", "Archived")

    # Changed only by ``presessions.services.transition_round`` (and the verbs built on it).
    TRANSITIONS = {
        Status.DRAFT: {Status.OPEN, Status.ARCHIVED},
        Status.OPEN: {Status.CLOSED},
        Status.CLOSED: {Status.OPEN, Status.ARCHIVED},
        Status.ARCHIVED: set(),
    }

    session = models.ForeignKey(
        "upr.WorkingGroupSession",
        verbose_name=_("Working Group session"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, help_text=_("The number of the WG session it precedes.")
    )
    token = models.CharField(_("public token"), max_length=32, unique=True, default=new_token, editable=False)
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    format = models.CharField(_("format"), max_length=12, choices=Format.choices, default=Format.IN_PERSON)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Languages of the panels (ISO 639-1 codes).")
    )
    call_opens_at = models.DateTimeField(_("call opens"), null=True, blank=True)
    call_closes_at = models.DateTimeField(_("call closes"), null=True, blank=True)
    statement_deadline = models.DateTimeField(_("statement deadline"), null=True, blank=True)
    min_viable_applicants = models.PositiveSmallIntegerField(
        _("minimum viable applicants per panel"), default=3
    )
    call_intro_en = models.TextField(_("call introduction (English)"), blank=True)
    call_intro_fr = models.TextField(_("call introduction (French)"), blank=True)
    call_intro_es = models.TextField(_("call introduction (Spanish)"), blank=True)
    call_eligibility_en = models.TextField(_("eligibility (English)"), blank=True)
    call_eligibility_fr = models.TextField(_("eligibility (French)"), blank=True)
    call_eligibility_es = models.TextField(_("eligibility (Spanish)"), blank=True)
    call_privacy_en = models.TextField(_("privacy notice (English)"), blank=True)
    call_privacy_fr = models.TextField(_("privacy notice (French)"), blank=True)
    call_privacy_es = models.TextField(_("privacy notice (Spanish)"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["session"], name="unique_round_per_session")]

    def __str__(self):
        return self.title or str(_("Pre-sessions %(number)s") % {"number": self.number})

    @property
    def call_intro(self):
        return localized(self, "call_intro")

    @property
    def call_eligibility(self):
        return localized(self, "call_eligibility")

    @property
    def call_privacy(self):
        return localized(self, "call_privacy")


class DeadlineExtension(models.Model):
    """A later closing time of the call for one Review (one SuR), when applicants are few."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="extensions"
    )
    review = models.ForeignKey(
        "upr.Review", verbose_name=_("Review"), on_delete=models.PROTECT, related_name="deadline_extensions"
    )
    closes_at = models.DateTimeField(_("new closing time"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["round", "review__state__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["round", "review"], name="unique_extension_per_review")
        ]

    def __str__(self):
        return f"{self.review.state} → {self.closes_at:%Y-%m-%d %H:%M}"


class Presession(models.Model):
    """One panel on one State under Review within a Round.

    Its slot (``starts_at``/``ends_at``, aware, null until placed), ``room`` and moderator are the draft
    timetable staff edit; ``presessions.programme.services.publish_release`` publishes them. The running
    order: the SuR's own Mission's opening (``opening_minutes``, 0 or 2), the speakers (from
    ``presessions.programme.participants``), the moderator's follow-up and questions from the floor.
    ``calendar_sequence`` is the iCalendar SEQUENCE, raised by every release that changes the panel.
    """

    class Opening(models.IntegerChoices):
        NONE = 0, _("No opening statement")
        MISSION = 2, _("2-minute opening by the State's own Mission")

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("presession status", "Proposed")
        CONFIRMED = "confirmed", pgettext_lazy("presession status", "Confirmed")
        CANCELLED = "cancelled", pgettext_lazy("presession status", "Cancelled")

    # Changed only by ``presessions.services.transition_presession``.
    TRANSITIONS = {
        Status.PROPOSED: {Status.CONFIRMED, Status.CANCELLED},
        Status.CONFIRMED: {Status.PROPOSED, Status.CANCELLED},
        Status.CANCELLED: {Status.PROPOSED},
    }

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="presessions"
    )
    review = models.ForeignKey(
        "upr.Review", verbose_name=_("Review"), on_delete=models.PROTECT, related_name="presessions"
    )
    token = models.CharField(_("public token"), max_length=32, unique=True, default=new_token, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    room = models.ForeignKey(
        "presessions.Room",
        verbose_name=_("room"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presessions",
    )
    moderator_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator (account)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_presessions",
    )
    moderator_name = models.CharField(_("moderator's name"), max_length=200, blank=True)
    moderator_email = models.EmailField(_("moderator's e-mail"), blank=True)
    opening_minutes = models.PositiveSmallIntegerField(
        _("opening statement"), choices=Opening.choices, default=Opening.NONE
    )
    followup_minutes = models.PositiveSmallIntegerField(_("moderator's follow-up (minutes)"), default=10)
    floor_minutes = models.PositiveSmallIntegerField(_("questions from the floor (minutes)"), default=15)
    expected_audience = models.PositiveSmallIntegerField(
        _("expected audience"), default=0, help_text=_("People expected in the room (0: unknown).")
    )
    calendar_sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Pre-session")
        verbose_name_plural = _("Pre-sessions")
        ordering = ["round", "review__order", "review__state__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["round", "review"], name="unique_presession_per_review")
        ]

    def __str__(self):
        return f"{self.review.state} — {self.round}"

    @property
    def state(self):
        return self.review.state

    @property
    def is_placed(self):
        return self.starts_at is not None and self.ends_at is not None

    @property
    def slot_minutes(self):
        if not self.is_placed:
            return 0
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def moderator_address(self):
        """The moderator's e-mail (their account's, else the one typed), lower case; "" when none."""
        email = self.moderator_user.email if self.moderator_user_id else self.moderator_email
        return (email or "").strip().lower()

    @property
    def moderator_display_name(self):
        if self.moderator_name:
            return self.moderator_name
        if self.moderator_user_id:
            return self.moderator_user.full_name or self.moderator_user.email
        return ""


class CallQuestion(models.Model):
    """A question the staff add to a Round's application form."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        YES_NO = "yes_no", _("Yes / no")
        FILE = "file", _("File")

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="questions"
    )
    label_en = models.CharField(_("question (English)"), max_length=300)
    label_fr = models.CharField(_("question (French)"), max_length=300, blank=True)
    label_es = models.CharField(_("question (Spanish)"), max_length=300, blank=True)
    help_text_en = models.CharField(_("help text (English)"), max_length=500, blank=True)
    help_text_fr = models.CharField(_("help text (French)"), max_length=500, blank=True)
    help_text_es = models.CharField(_("help text (Spanish)"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For a choice question: one option per line.")
    )
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("call question")
        verbose_name_plural = _("call questions")
        ordering = ["round", "order", "pk"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return localized(self, "label")

    @property
    def help_text(self):
        return localized(self, "help_text")

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
