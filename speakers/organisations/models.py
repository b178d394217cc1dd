"""Organisations (CSOs, NHRIs) and the users who act for them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.tokens import new_token


class Organisation(models.Model):
    """A civil-society organisation (or NHRI) that applies; several users may act for it."""

    class Kind(models.TextChoices):
        NATIONAL_NGO = "national_ngo", _("National NGO")
        INTERNATIONAL_NGO = "international_ngo", _("International NGO")
        COALITION = "coalition", _("Coalition")
        # Translators: National Human Rights Institution.
        NHRI = "nhri", _("National Human Rights Institution (NHRI)")
        OTHER = "other", pgettext_lazy("organisation kind", "Other")

    class EcosocStatus(models.TextChoices):
        NONE = "none", _("None")
        # Translators: ECOSOC consultative status categories.
        GENERAL = "general", _("General consultative status")
        SPECIAL = "special", _("Special consultative status")
        ROSTER = "roster", _("Roster")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = models.ForeignKey(
        "upr.State", verbose_name=_("country"), on_delete=models.PROTECT, related_name="organisations"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NATIONAL_NGO)
    ecosoc_status = models.CharField(
        _("ECOSOC status"), max_length=10, choices=EcosocStatus.choices, default=EcosocStatus.NONE
    )
    website = models.URLField(_("website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    aims = models.TextField(_("aims"), blank=True)
    join_token = models.CharField(
        _("join token"),
        max_length=32,
        unique=True,
        default=new_token,
        editable=False,
        help_text=_("Anyone signed in who knows it may join the organisation; staff can renew it."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="OrganisationMembership", related_name="organisations", blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def is_national(self):
        return self.kind in (self.Kind.NATIONAL_NGO, self.Kind.NHRI)


class OrganisationMembership(models.Model):
    """A user acting for an organisation."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} @ {self.organisation}"


class OrganisationInvitation(models.Model):
    """An invitation by e-mail to act for an organisation; accepted through its token."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation invitation")
        verbose_name_plural = _("organisation invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"
