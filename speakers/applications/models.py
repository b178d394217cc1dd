"""Applications to speak at a Pre-session, their answers and their timeline.

Slim models: every status change of an Application goes through
``speakers.applications.services.transition_application`` (and the verb services built on it).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.tokens import new_token
from core.uploads import application_answer_path, application_submission_path

from ..organisations.models import Organisation


class Application(models.Model):
    """An organisation's application to speak on one Presession (one SuR).

    Status machine (``TRANSITIONS``): draft → submitted → selected | reserve | rejected;
    selected → confirmed | declined; reserve → selected | rejected;
    draft/submitted/selected/reserve/confirmed → withdrawn (with a reason).

    Uniqueness: one application per (organisation, presession) that is not withdrawn. A withdrawn
    application does not block a new one: an organisation that withdrew (e.g. its speaker fell ill)
    may apply again while the call is open for that SuR. A rejected or declined one still blocks.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("application status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("application status", "Submitted")
        SELECTED = "selected", pgettext_lazy("application status", "Selected")
        # Translators: an application kept on the waiting list.
        RESERVE = "reserve", pgettext_lazy("application status", "Reserve")
        REJECTED = "rejected", pgettext_lazy("application status", "Not selected")
        CONFIRMED = "confirmed", pgettext_lazy("application status", "Confirmed")
        DECLINED = "declined", pgettext_lazy("application status", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {Status.SELECTED, Status.RESERVE, Status.REJECTED, Status.WITHDRAWN},
        Status.SELECTED: {Status.CONFIRMED, Status.DECLINED, Status.WITHDRAWN},
        Status.RESERVE: {Status.SELECTED, Status.REJECTED, Status.WITHDRAWN},
        Status.CONFIRMED: {Status.WITHDRAWN},
        Status.REJECTED: set(),
        Status.DECLINED: set(),
        Status.WITHDRAWN: set(),
    }

    class Decision(models.TextChoices):
        SELECTED = "selected", pgettext_lazy("application status", "Selected")
        RESERVE = "reserve", pgettext_lazy("application status", "Reserve")
        REJECTED = "rejected", pgettext_lazy("application status", "Not selected")

    class SubmissionMode(models.TextChoices):
        ALONE = "alone", _("Alone")
        JOINT = "joint", _("Jointly, in a coalition")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NON_BINARY = "non_binary", _("Non-binary")
        SELF_DESCRIBED = "self_described", _("I describe myself as…")
        UNDISCLOSED = "prefer_not_to_say", _("Prefer not to say")

    class Participation(models.TextChoices):
        IN_PERSON = "in_person", _("In person, in Geneva")
        ONLINE = "online", _("Online")

    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    form_token = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="Token of the form that created the draft; makes a double-clicked create idempotent.",
    )
    presession = models.ForeignKey(
        "presessions.Presession",
        verbose_name=_("Pre-session"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="applications"
    )
    coalition_members = models.ManyToManyField(
        Organisation, verbose_name=_("coalition members"), blank=True, related_name="coalition_applications"
    )
    coalition_partners = models.TextField(
        _("other coalition partners"),
        blank=True,
        help_text=_("Organisations not registered here, one per line."),
    )
    submission_mode = models.CharField(
        _("stakeholder submission made"),
        max_length=8,
        choices=SubmissionMode.choices,
        default=SubmissionMode.ALONE,
    )
    submission_reference = models.CharField(
        _("submission reference"),
        max_length=200,
        blank=True,
        help_text=_("The title or OHCHR reference of your UPR stakeholder submission."),
    )
    submission_file = models.FileField(
        _("submission file"), upload_to=application_submission_path, blank=True, max_length=200
    )
    submission_file_size = models.PositiveBigIntegerField(_("submission file size (bytes)"), default=0)
    issues = models.ManyToManyField("upr.Issue", verbose_name=_("issues"), blank=True, related_name="+")
    speaker_name = models.CharField(_("speaker's name"), max_length=200, blank=True)
    speaker_position = models.CharField(_("speaker's position"), max_length=200, blank=True)
    speaker_email = models.EmailField(_("speaker's e-mail"), blank=True)
    speaker_phone = models.CharField(_("speaker's phone"), max_length=40, blank=True)
    speaker_gender = models.CharField(
        _("speaker's gender"), max_length=20, choices=Gender.choices, blank=True
    )
    speaker_gender_description = models.CharField(
        _("gender, in the speaker's words"), max_length=100, blank=True
    )
    speaker_languages = models.JSONField(_("languages the speaker can use"), default=list, blank=True)
    participation = models.CharField(
        _("participation"), max_length=10, choices=Participation.choices, default=Participation.IN_PERSON
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    needs_visa_support = models.BooleanField(_("needs visa support"), default=False)
    needs_travel_support = models.BooleanField(_("needs travel support"), default=False)
    travel_from = models.DateField(_("available from"), null=True, blank=True)
    travel_to = models.DateField(_("available until"), null=True, blank=True)
    consent_publish_name = models.BooleanField(_("the speaker's name may be published"), default=False)
    consent_publish_organisation = models.BooleanField(_("the organisation may be published"), default=False)
    consent_publish_photo = models.BooleanField(_("the speaker's photo may be published"), default=False)
    at_risk = models.BooleanField(
        _("risk of reprisal"),
        default=False,
        help_text=_("Nothing about this speaker is ever shown in public pages, exports, calendars or PDFs."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    pending_decision = models.CharField(
        _("pending decision"),
        max_length=10,
        choices=Decision.choices,
        blank=True,
        help_text=_("Recorded on the selection board; applied in bulk later."),
    )
    pending_decision_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pending decision by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    pending_decision_at = models.DateTimeField(_("pending decision recorded"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    language = models.CharField(
        _("language for messages"),
        max_length=2,
        default="en",
        help_text=_("Mails about this application are written in this language."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    confirmation_deadline = models.DateTimeField(_("confirm by"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    history = HistoricalRecords(m2m_fields=[issues, coalition_members])

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "presession"],
                condition=~Q(status="withdrawn"),
                name="one_live_application_per_organisation_and_presession",
                violation_error_message=_("Your organisation has already applied for this Pre-session."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.presession}"

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT

    def can_become(self, status):
        return status in self.TRANSITIONS.get(self.status, set())


class ApplicationAnswer(models.Model):
    """The answer to one of the Round's own questions."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("presessions.CallQuestion", on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("text"), blank=True)
    choice = models.CharField(_("choice"), max_length=300, blank=True)
    boolean = models.BooleanField(_("yes / no"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=application_answer_path, blank=True, max_length=200)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["application", "question"], name="unique_answer")]

    def __str__(self):
        return f"{self.question}: {self.value}"

    @property
    def value(self):
        if self.question.kind == "yes_no":
            return self.boolean
        if self.question.kind == "choice":
            return self.choice
        if self.question.kind == "file":
            return self.file.name if self.file else ""
        return self.text


class ApplicationEvent(models.Model):
    """One status change of an application: its timeline. Written only by ``transition_application``."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=10, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=Application.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"
