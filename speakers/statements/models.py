"""Statements of selected speakers, their sections, SMART recommendations, versions and review events.

Slim models: every change goes through ``speakers/statements/services.py``.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.tokens import new_token


def statement_file_path(instance, filename):
    """Random stored name; the extension only if it is one of the accepted kinds."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    return f"statements/{secrets.token_hex(16)}.{suffix if suffix in ('pdf', 'docx') else 'bin'}"


class Statement(models.Model):
    """The statement of one selected speaker (one Application) for their Pre-session."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("statement status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("statement status", "Submitted")
        CHANGES_REQUESTED = "changes", pgettext_lazy("statement status", "Changes requested")
        APPROVED = "approved", pgettext_lazy("statement status", "Approved")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.CHANGES_REQUESTED, Status.APPROVED},
        Status.CHANGES_REQUESTED: {Status.SUBMITTED},
        Status.APPROVED: {Status.CHANGES_REQUESTED},
    }

    application = models.OneToOneField(
        "speakers.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="statement",
    )
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="en")
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Who you are and how your submission was prepared.")
    )
    consultations = models.TextField(_("national consultations"), blank=True)
    file = models.FileField(_("full statement (PDF or DOCX)"), upload_to=statement_file_path, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), default=0)
    consent_publish_statement = models.BooleanField(_("the statement may be published"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    version_count = models.PositiveSmallIntegerField(_("versions"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["application__presession", "pk"]

    def __str__(self):
        return str(_("Statement of %(speaker)s") % {"speaker": self.application.speaker_name or "—"})

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED)

    @property
    def may_publish(self):
        """Consent given and no risk of reprisal: the risk flag overrides every consent."""
        return self.consent_publish_statement and not self.application.at_risk

    def can_become(self, status):
        return status in self.TRANSITIONS.get(self.status, set())


class StatementSection(models.Model):
    """The part of a statement on one issue."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="sections")
    issue = models.ForeignKey(
        "upr.Issue", verbose_name=_("issue"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    followed_up = models.ManyToManyField(
        "upr.Recommendation",
        verbose_name=_("earlier recommendations followed up"),
        blank=True,
        related_name="+",
    )
    follow_up = models.TextField(_("follow-up of earlier recommendations"), blank=True)
    situation = models.TextField(_("situation since the last review"), blank=True)
    questions = models.TextField(_("advance questions"), blank=True)

    history = HistoricalRecords(m2m_fields=[followed_up])

    class Meta:
        verbose_name = _("statement section")
        verbose_name_plural = _("statement sections")
        ordering = ["statement", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "issue"], name="unique_section_per_issue")
        ]

    def __str__(self):
        return str(self.issue)


class StatementRecommendation(models.Model):
    """A SMART recommendation the speaker asks States to make."""

    section = models.ForeignKey(StatementSection, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    issues = models.ManyToManyField("upr.Issue", verbose_name=_("issues"), blank=True, related_name="+")
    states = models.ManyToManyField(
        "upr.State", verbose_name=_("States best placed to make it"), blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords(m2m_fields=[issues, states])

    class Meta:
        verbose_name = _("suggested recommendation")
        verbose_name_plural = _("suggested recommendations")
        ordering = ["section", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class StatementVersion(models.Model):
    """A submitted version, kept to show what changed since."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    content = models.JSONField(_("content"), default=dict)
    word_count = models.PositiveIntegerField(_("words"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("statement version")
        verbose_name_plural = _("statement versions")
        ordering = ["statement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="unique_statement_version")
        ]

    def __str__(self):
        return f"{self.statement_id} v{self.number}"


class StatementEvent(models.Model):
    """A step of the review: a submission, a staff comment, a request for changes, an approval."""

    class Action(models.TextChoices):
        SUBMIT = "submit", pgettext_lazy("statement action", "Submitted")
        COMMENT = "comment", pgettext_lazy("statement action", "Comment")
        REQUEST_CHANGES = "request_changes", pgettext_lazy("statement action", "Changes requested")
        APPROVE = "approve", pgettext_lazy("statement action", "Approved")

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=10, choices=Statement.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=Statement.Status.choices)
    note = models.TextField(_("comment"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("statement event")
        verbose_name_plural = _("statement events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.statement_id}: {self.action}"
