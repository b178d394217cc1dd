"""A confirmed speaker's place in the running order of their panel."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

DEFAULT_MINUTES = 5


class SpeakerSlot(models.Model):
    """Position, time budget, way of taking part and time zone of one confirmed speaker."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person, in Geneva")
        ONLINE = "online", _("Online")

    application = models.OneToOneField(
        "speakers.Application", verbose_name=_("application"), on_delete=models.CASCADE, related_name="slot"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=DEFAULT_MINUTES)
    mode = models.CharField(_("takes part"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_(
            "IANA time zone of an online speaker (empty: the main zone of the organisation's country)."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("speaker's slot")
        verbose_name_plural = _("speakers' slots")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.application_id} ({self.minutes} min)"
