"""A rendered PDF (brief, info sheet or round book) in one language, with its cache key and progress."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def new_token():
    return secrets.token_urlsafe(16)


def document_path(instance, filename):
    return f"briefs/{secrets.token_hex(16)}.pdf"


class BriefDocument(models.Model):
    """Written only by ``briefs.pdf.services`` (and the task that calls it)."""

    class Kind(models.TextChoices):
        BRIEF = "brief", pgettext_lazy("document kind", "Brief")
        SHEET = "sheet", pgettext_lazy("document kind", "Info sheet")
        BOOK = "book", pgettext_lazy("document kind", "Round book")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("document status", "Waiting")
        RUNNING = "running", pgettext_lazy("document status", "Rendering")
        DONE = "done", pgettext_lazy("document status", "Ready")
        FAILED = "failed", pgettext_lazy("document status", "Failed")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    round = models.ForeignKey(
        "presessions.Round", verbose_name=_("round"), on_delete=models.CASCADE, related_name="brief_documents"
    )
    presession = models.ForeignKey(
        "presessions.Presession",
        verbose_name=_("Pre-session"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="brief_documents",
    )
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    title = models.CharField(_("title"), max_length=300, blank=True)
    source_hash = models.CharField(_("hash of the sources"), max_length=64, blank=True)
    file = models.FileField(_("file"), upload_to=document_path, blank=True, max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested"), null=True, blank=True)
    built_at = models.DateTimeField(_("built"), null=True, blank=True)

    class Meta:
        verbose_name = _("brief document")
        verbose_name_plural = _("brief documents")
        ordering = ["round", "kind", "presession", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "presession", "language"],
                condition=Q(presession__isnull=False),
                name="one_document_per_panel_kind_language",
            ),
            models.UniqueConstraint(
                fields=["kind", "round", "language"],
                condition=Q(presession__isnull=True),
                name="one_book_per_round_language",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.language} ({self.get_status_display()})"

    @property
    def is_ready(self):
        return self.status == self.Status.DONE and bool(self.file)

    @property
    def is_busy(self):
        return self.status in (self.Status.PENDING, self.Status.RUNNING)
