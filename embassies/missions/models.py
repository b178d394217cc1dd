"""Permanent Missions and diplomats (slim models; state changes in ``services.py``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import Language


class PermanentMission(models.Model):
    """The Permanent Mission of one State to the United Nations Office at Geneva."""

    state = models.OneToOneField(
        "upr.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="mission"
    )
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("generic e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Permanent Mission")
        verbose_name_plural = _("Permanent Missions")
        ordering = ["state__name_en"]

    def __str__(self):
        return str(self.state)


class Diplomat(models.Model):
    """A member of a Mission's staff who may attend Pre-sessions."""

    class Title(models.TextChoices):
        AMBASSADOR = "ambassador", _("Ambassador, Permanent Representative")
        DEPUTY = "deputy", _("Deputy Permanent Representative")
        MINISTER = "minister", _("Minister")
        MINISTER_COUNSELLOR = "minister_counsellor", _("Minister Counsellor")
        COUNSELLOR = "counsellor", _("Counsellor")
        FIRST_SECRETARY = "first_secretary", _("First Secretary")
        SECOND_SECRETARY = "second_secretary", _("Second Secretary")
        THIRD_SECRETARY = "third_secretary", _("Third Secretary")
        ATTACHE = "attache", _("Attaché")
        EXPERT = "expert", _("Expert")
        INTERN = "intern", _("Intern")
        OTHER = "other", pgettext_lazy("diplomatic title", "Other")

    class Honorific(models.TextChoices):
        NONE = "", _("(none)")
        EXCELLENCY = "he", _("H.E.")
        MR = "mr", _("Mr")
        MS = "ms", _("Ms")
        MX = "mx", _("Mx")
        DR = "dr", _("Dr")

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("diplomat status", "Active")
        LEFT = "left", pgettext_lazy("diplomat status", "Left")

    mission = models.ForeignKey(
        PermanentMission, verbose_name=_("Mission"), on_delete=models.PROTECT, related_name="diplomats"
    )
    honorific = models.CharField(_("honorific"), max_length=4, choices=Honorific.choices, blank=True)
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=24, choices=Title.choices, default=Title.OTHER)
    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    issues = models.ManyToManyField(
        "upr.Issue", verbose_name=_("issue portfolio"), blank=True, related_name="diplomats"
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    started_on = models.DateField(_("in post since"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="diplomat",
        help_text=_("Optional: diplomats never need an account."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[issues])

    class Meta:
        verbose_name = _("diplomat")
        verbose_name_plural = _("diplomats")
        ordering = ["mission__state__name_en", "name"]
        indexes = [models.Index(fields=["mission", "status"], name="embassies_diplomat_active_idx")]

    def __str__(self):
        return self.name

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    @property
    def display_name(self):
        """The name with its honorific, e.g. "H.E. Ana Pérez"."""
        return f"{self.get_honorific_display()} {self.name}" if self.honorific else self.name
