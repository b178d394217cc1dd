"""Check-ins: one row per delegate present at a panel (slim model; changes in ``services.py``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CheckIn(models.Model):
    presession = models.ForeignKey(
        "presessions.Presession",
        verbose_name=_("Pre-session"),
        on_delete=models.CASCADE,
        related_name="checkins",
    )
    mission = models.ForeignKey(
        "embassies.PermanentMission",
        verbose_name=_("Mission"),
        on_delete=models.PROTECT,
        related_name="checkins",
    )
    invitation = models.ForeignKey(
        "embassies.Invitation",
        verbose_name=_("invitation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkins",
    )
    name = models.CharField(_("delegate"), max_length=200)
    walk_in = models.BooleanField(_("walk-in"), default=False, help_text=_("Came without an invitation."))
    checked_in_at = models.DateTimeField(_("checked in at"), auto_now_add=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["presession", "mission__state__name_en", "name"]
        constraints = [
            models.UniqueConstraint(fields=["presession", "mission", "name"], name="one_checkin_per_delegate")
        ]

    def __str__(self):
        return f"{self.name} ({self.mission})"
