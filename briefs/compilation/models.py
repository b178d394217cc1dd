"""What staff write for a panel's brief. Slim: changes go through ``briefs.compilation.services``."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def new_token():
    return secrets.token_urlsafe(16)


class Brief(models.Model):
    """The advocacy brief of one Pre-session (panel)."""

    presession = models.OneToOneField(
        "presessions.Presession",
        verbose_name=_("Pre-session"),
        on_delete=models.CASCADE,
        related_name="brief",
    )
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    summary = models.TextField(_("summary"), blank=True, help_text=_("The key messages, in a few lines."))
    contacts = models.TextField(_("contacts"), blank=True, help_text=_("Who diplomats may contact."))
    statement_order = models.JSONField(_("order of the statements"), default=list, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("briefs")

    def __str__(self):
        return str(_("Brief: %(panel)s") % {"panel": self.presession})
