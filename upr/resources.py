"""django-import-export resources for the UN reference data, keyed on natural keys.

A regional group is identified by its code, a State by its ISO3 code, a cycle and a Working Group
session by their number, a Review by (session number, ISO3), an issue by its slug and an alias by
its look-up key (computed from its name with ``upr.names.normalise_name``, never taken from the file).
Exports neutralise spreadsheet formulas.
"""

from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.widgets import BooleanWidget, ForeignKeyWidget

from core.spreadsheets import FormulaSafeExportMixin
from upr.models import Cycle, Issue, RegionalGroup, Review, State, StateAlias, WorkingGroupSession
from upr.names import normalise_name


class NaturalKeyWidget(ForeignKeyWidget):
    """A foreign key given by its natural key; an unknown value is a validation error naming it."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("No %(model)s has the %(field)s “%(value)s”.")
                % {
                    "model": self.model._meta.verbose_name,
                    "field": self.model._meta.get_field(self.field).verbose_name,
                    "value": value,
                }
            ) from None


class ReferenceResource(FormulaSafeExportMixin, resources.ModelResource):
    """Common behaviour: skip unchanged rows (no update, no history row), formula-safe export."""


class RegionalGroupResource(ReferenceResource):
    class Meta:
        model = RegionalGroup
        import_id_fields = ("code",)
        fields = ("code", "abbreviation", "name_en", "name_fr", "name_es")
        skip_unchanged = True
        report_skipped = True


class StateResource(ReferenceResource):
    regional_group = fields.Field(
        attribute="regional_group",
        column_name="regional_group",
        widget=NaturalKeyWidget(RegionalGroup, "code"),
    )

    class Meta:
        model = State
        import_id_fields = ("iso3",)
        fields = ("iso3", "iso2", "name_en", "name_fr", "name_es", "regional_group", "status")
        skip_unchanged = True
        report_skipped = True


class StateAliasResource(ReferenceResource):
    key = fields.Field(attribute="key", column_name="key")
    state = fields.Field(attribute="state", column_name="iso3", widget=NaturalKeyWidget(State, "iso3"))

    class Meta:
        model = StateAlias
        import_id_fields = ("key",)
        fields = ("name", "key", "state", "source")
        skip_unchanged = True
        report_skipped = True

    def before_import_row(self, row, **kwargs):
        # The key is always computed from the name: a key column in the file is ignored.
        row["key"] = normalise_name(row.get("name") or "")


class CycleResource(ReferenceResource):
    class Meta:
        model = Cycle
        import_id_fields = ("number",)
        fields = ("number", "start_date", "end_date")
        skip_unchanged = True
        report_skipped = True


class WorkingGroupSessionResource(ReferenceResource):
    cycle = fields.Field(attribute="cycle", column_name="cycle", widget=NaturalKeyWidget(Cycle, "number"))

    class Meta:
        model = WorkingGroupSession
        import_id_fields = ("number",)
        fields = ("number", "cycle", "year", "start_date", "end_date", "source")
        skip_unchanged = True
        report_skipped = True


class ReviewResource(ReferenceResource):
    session = fields.Field(
        attribute="session", column_name="session", widget=NaturalKeyWidget(WorkingGroupSession, "number")
    )
    state = fields.Field(attribute="state", column_name="iso3", widget=NaturalKeyWidget(State, "iso3"))
    is_derived = fields.Field(attribute="is_derived", column_name="derived", widget=BooleanWidget())

    class Meta:
        model = Review
        import_id_fields = ("session", "state")
        fields = ("session", "state", "order", "status", "is_derived", "source")
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return super().get_queryset().select_related("session", "state")


class IssueResource(ReferenceResource):
    class Meta:
        model = Issue
        import_id_fields = ("slug",)
        fields = ("slug", "name_en", "name_fr", "name_es", "source")
        skip_unchanged = True
        report_skipped = True
