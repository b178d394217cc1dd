"""Import and export of Missions and diplomats (CSV/XLSX through the admin, with preview).

Natural keys: a Mission is its State's ISO3 code; a diplomat is their e-mail address (case-insensitive),
so importing a known address updates that diplomat, and the same address twice in one file is an error
on the second row. Issues are a comma-separated list of issue keys (slugs). Exports are formula-safe.
"""

from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.widgets import ManyToManyWidget

from core.spreadsheets import FormulaSafeExportMixin
from upr.models import Issue, State
from upr.resources import NaturalKeyWidget

from .models import Diplomat, PermanentMission


class MissionResource(FormulaSafeExportMixin, resources.ModelResource):
    state = fields.Field(attribute="state", column_name="iso3", widget=NaturalKeyWidget(State, "iso3"))

    class Meta:
        model = PermanentMission
        import_id_fields = ("state",)
        fields = ("state", "address", "email", "phone", "language", "notes")
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return super().get_queryset().select_related("state")


class MissionKeyWidget(NaturalKeyWidget):
    """A Mission given by its State's ISO3 code."""

    def __init__(self):
        super().__init__(PermanentMission, "state__iso3")

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip().upper()
        if not value:
            return None
        mission = PermanentMission.objects.filter(state__iso3=value).first()
        if mission is None:
            raise ValueError(_("No Permanent Mission for the State “%(iso3)s”.") % {"iso3": value})
        return mission

    def render(self, value, obj=None, **kwargs):
        return value.state.iso3 if value else ""


class DiplomatResource(FormulaSafeExportMixin, resources.ModelResource):
    mission = fields.Field(attribute="mission", column_name="iso3", widget=MissionKeyWidget())
    issues = fields.Field(
        attribute="issues", column_name="issues", widget=ManyToManyWidget(Issue, ",", "slug")
    )
    successor = fields.Field(
        attribute="successor", column_name="successor_email", widget=NaturalKeyWidget(Diplomat, "email")
    )

    class Meta:
        model = Diplomat
        import_id_fields = ("email",)
        fields = (
            "email", "mission", "honorific", "name", "title", "language", "issues",
            "status", "started_on", "left_on", "successor",
        )  # fmt: skip
        skip_unchanged = True
        report_skipped = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._seen_emails = set()

    def get_queryset(self):
        return super().get_queryset().select_related("mission__state", "successor").prefetch_related("issues")

    def before_import_row(self, row, **kwargs):
        email = (row.get("email") or "").strip().lower()
        row["email"] = email
        if not email:
            raise ValueError(_("Every diplomat needs an e-mail address."))
        if email in self._seen_emails:
            raise ValueError(_("The e-mail address %(email)s appears twice in this file.") % {"email": email})
        self._seen_emails.add(email)

    def get_instance(self, instance_loader, row):
        return Diplomat.objects.filter(email__iexact=row["email"]).first()
