"""Accounts (``User``) and the mail outbox (``OutboundMail`` and its attachments).

The outbox rows are written by ``core.mail`` and delivered by ``core.outbox``; see those modules.
"""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address.

    Roles are flags, because one person can hold several (a staff member may also review).
    ``is_staff`` is the secretariat role (and admin access).
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    is_staff = models.BooleanField(
        _("staff (secretariat)"), default=False, help_text=_("Runs rounds; can use the admin site.")
    )
    is_reviewer = models.BooleanField(_("reviewer"), default=False)
    is_applicant = models.BooleanField(_("applicant"), default=False)
    is_diplomat = models.BooleanField(_("diplomat"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class OutboundMail(models.Model):
    """One e-mail to one recipient: a row first, delivered after commit by a Celery task.

    ``idempotency_key`` is unique: queueing the same key again returns this row and sends nothing new.
    ``message_id`` is derived from the key, so a rare re-send after a lost worker carries the same
    ``Message-ID`` header as the first attempt (see ``core.outbox`` and the README).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    idempotency_key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    recipient = models.EmailField(_("recipient"), max_length=254)
    reply_to = models.EmailField(_("reply to"), max_length=254, blank=True)
    from_email = models.CharField(_("sender"), max_length=320)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    subject = models.CharField(_("subject"), max_length=998)
    text_body = models.TextField(_("text body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    sensitive = models.BooleanField(
        _("carries a sign-in secret"),
        default=False,
        help_text=_("A link or code that signs someone in: hidden from staff and erased once sent."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    # A worker that claims the row for sending writes a fresh token and the time; see core.outbox.
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True, editable=False)
    enqueued_at = models.DateTimeField(
        _("last queued for a worker at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    history = HistoricalRecords(
        excluded_fields=["text_body", "html_body", "claim_token", "claimed_at", "enqueued_at", "updated_at"]
    )

    class Meta:
        verbose_name = _("outbound mail")
        verbose_name_plural = _("outbound mails")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_outbox_due_idx")]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"


class OutboundMailAttachment(models.Model):
    """A file sent with an outbound mail, stored in the database with its mail (same transaction)."""

    mail = models.ForeignKey(
        OutboundMail, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("mail")
    )
    filename = models.CharField(_("file name"), max_length=255)
    mimetype = models.CharField(_("MIME type"), max_length=127)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self):
        return self.filename
