"""Invitations to a panel and reminders (slim models; state changes in ``services.py``)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import Language


def new_rsvp_token():
    """192 random bits, URL-safe: unguessable, and never derived from a primary key."""
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """A Mission (or a moderator) invited to one Pre-session panel, with its RSVP."""

    class Kind(models.TextChoices):
        GUEST = "guest", _("Mission")
        MODERATOR = "moderator", _("Moderator")

    class Status(models.TextChoices):
        LISTED = "listed", pgettext_lazy("invitation status", "On the guest list")
        SENT = "sent", pgettext_lazy("invitation status", "Sent")
        CANCELLED = "cancelled", pgettext_lazy("invitation status", "Withdrawn")

    class Response(models.TextChoices):
        PENDING = "pending", pgettext_lazy("RSVP", "No answer yet")
        YES = "yes", pgettext_lazy("RSVP", "Attending")
        MAYBE = "maybe", pgettext_lazy("RSVP", "Maybe")
        NO = "no", pgettext_lazy("RSVP", "Not attending")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    class Channel(models.TextChoices):
        LINK = "link", _("RSVP link")
        NOTE_VERBALE = "note_verbale", _("Note verbale")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")
        OTHER = "other", pgettext_lazy("answer channel", "Other")

    class Reason(models.TextChoices):
        OWN = "own", _("State under Review")
        EVERY = "every", _("Every Mission")
        RECOMMENDED = "recommended", _("Recommended on these issues")
        TROIKA = "troika", _("Troika")
        GROUP = "group", _("Regional group")
        PICKED = "picked", _("Picked by hand")

    presession = models.ForeignKey(
        "presessions.Presession",
        verbose_name=_("Pre-session"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.GUEST)
    mission = models.ForeignKey(
        "embassies.PermanentMission",
        verbose_name=_("Mission"),
        on_delete=models.PROTECT,
        related_name="invitations",
        null=True,
        blank=True,
    )
    recipient_name = models.CharField(_("name"), max_length=200, blank=True)
    recipient_email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    reasons = models.JSONField(_("why invited"), default=list, blank=True)
    recommendation_count = models.PositiveSmallIntegerField(
        _("earlier recommendations on the panel's issues"), default=0
    )
    personal_sentences = models.JSONField(
        _("personal sentence"),
        default=dict,
        blank=True,
        help_text=_(
            "What the State recommended earlier, per language (en, fr, es), quoted in the invitation."
        ),
    )
    offer_opening = models.BooleanField(_("offered the 2-minute opening"), default=False)
    token = models.CharField(
        _("RSVP token"), max_length=64, unique=True, default=new_rsvp_token, editable=False
    )
    allow_forwarding = models.BooleanField(
        _("forwarded link works"),
        default=True,
        help_text=_("If not, the first browser that opens the RSVP link is the only one it works in."),
    )
    bound_browser = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.LISTED)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_sequence = models.PositiveIntegerField(_("calendar version sent"), null=True, blank=True)
    response = models.CharField(_("answer"), max_length=8, choices=Response.choices, default=Response.PENDING)
    delegates = models.PositiveSmallIntegerField(_("number of delegates"), default=0)
    delegate_names = models.TextField(_("names of the delegates"), blank=True)
    mode = models.CharField(_("attends"), max_length=10, choices=Mode.choices, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer_channel = models.CharField(_("answered by"), max_length=14, choices=Channel.choices, blank=True)
    answer_note = models.CharField(_("note on the answer"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["token", "bound_browser"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["presession", "mission__state__name_en", "recipient_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["presession", "mission"],
                condition=Q(mission__isnull=False),
                name="unique_invitation_per_mission_and_panel",
            ),
            models.UniqueConstraint(
                fields=["presession", "recipient_email"],
                condition=Q(kind="moderator"),
                name="unique_moderator_invitation_per_panel",
            ),
            models.CheckConstraint(
                condition=Q(kind="guest", mission__isnull=False) | Q(kind="moderator", mission__isnull=True),
                name="invitation_guest_has_mission",
            ),
        ]

    def __str__(self):
        return f"{self.mission or self.recipient_name} — {self.presession_id}"

    @property
    def is_moderator(self):
        return self.kind == self.Kind.MODERATOR

    @property
    def has_answered(self):
        return self.response != self.Response.PENDING

    def reason_labels(self):
        return [self.Reason(reason).label for reason in self.reasons if reason in self.Reason.values]

    def personal_sentence(self, language):
        return self.personal_sentences.get(language) or self.personal_sentences.get("en", "")

    @property
    def label(self):
        """Who is invited: the Mission's State, or the moderator's name."""
        return str(self.mission) if self.mission_id else self.recipient_name


class Reminder(models.Model):
    """One reminder round for a panel: each invitation without an answer is reminded at most once."""

    class Kind(models.TextChoices):
        MANUAL = "manual", _("Sent by staff")
        AUTOMATIC = "automatic", _("Automatic")

    presession = models.ForeignKey(
        "presessions.Presession",
        verbose_name=_("Pre-session"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MANUAL)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("mails queued"), default=0)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["presession"], condition=Q(kind="automatic"), name="one_automatic_reminder_per_panel"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.created_at:%Y-%m-%d %H:%M}"
