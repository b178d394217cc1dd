"""A personal link to a panel's brief, for one Mission or one speaker, with its download count."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Language


def new_token():
    return secrets.token_urlsafe(24)


class BriefRecipient(models.Model):
    """Written only by ``briefs.distribution.services``."""

    brief = models.ForeignKey("briefs.Brief", on_delete=models.CASCADE, related_name="recipients")
    mission = models.ForeignKey(
        "embassies.PermanentMission",
        verbose_name=_("Mission"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    application = models.ForeignKey(
        "speakers.Application",
        verbose_name=_("speaker"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    token = models.CharField(max_length=48, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    last_download_at = models.DateTimeField(_("last download"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("brief recipient")
        verbose_name_plural = _("brief recipients")
        ordering = ["brief", "mission__state__name_en", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["brief", "mission", "email"],
                condition=Q(mission__isnull=False),
                name="one_link_per_mission",
            ),
            models.UniqueConstraint(
                fields=["brief", "application", "email"],
                condition=Q(application__isnull=False),
                name="one_link_per_speaker_address",
            ),
        ]

    def __str__(self):
        return f"{self.mission or self.email} — {self.brief_id}"
