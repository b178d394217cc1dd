"""Admin for the UN reference data: browse, edit, import (with preview) and export on natural keys."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from core.importexport import IMPORT_FORMATS, ImportExportAdminMixin
from upr.importing import admin as importing_admin  # noqa: F401 (registers Recommendation, ImportJob)
from upr.models import Cycle, Issue, RegionalGroup, Review, State, StateAlias, WorkingGroupSession
from upr.names import normalise_name
from upr.resources import (
    CycleResource,
    IssueResource,
    RegionalGroupResource,
    ReviewResource,
    StateAliasResource,
    StateResource,
    WorkingGroupSessionResource,
)


class ReferenceAdmin(ImportExportAdminMixin, ImportExportModelAdmin, SimpleHistoryAdmin):
    """Import/export in CSV and XLSX with the standard preview, and the history of every row.

    Import needs the add and change permissions on the model, export the view permission; files are
    read strictly (``core.importexport``).
    """

    import_formats = IMPORT_FORMATS
    export_formats = [CSV, XLSX]
    list_per_page = 100


@admin.register(RegionalGroup)
class RegionalGroupAdmin(ReferenceAdmin):
    resource_classes = [RegionalGroupResource]
    list_display = ["code", "abbreviation", "name_en", "name_fr", "name_es"]
    search_fields = ["code", "abbreviation", "name_en", "name_fr", "name_es"]


class StateAliasForm(forms.ModelForm):
    """Computes the look-up key from the name and refuses a name that another alias already has."""

    class Meta:
        model = StateAlias
        fields = ["name", "state", "source"]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("name"):
            key = normalise_name(cleaned_data["name"])
            clash = (
                StateAlias.objects.filter(key=key)
                .exclude(pk=self.instance.pk)
                .select_related("state")
                .first()
            )
            if not key:
                self.add_error("name", _("A name needs at least one letter or digit."))
            elif clash is not None:
                self.add_error(
                    "name",
                    _("“%(name)s” is already an alias of %(state)s (as “%(alias)s”).")
                    % {"name": cleaned_data["name"], "state": clash.state, "alias": clash.name},
                )
            self.instance.key = key
        return cleaned_data


class StateAliasInline(admin.TabularInline):
    model = StateAlias
    form = StateAliasForm
    fields = ["name", "source"]
    extra = 0


@admin.register(State)
class StateAdmin(ReferenceAdmin):
    resource_classes = [StateResource]
    list_display = ["iso3", "iso2", "name_en", "name_fr", "name_es", "regional_group", "status"]
    list_filter = ["status", "regional_group"]
    list_select_related = ["regional_group"]
    search_fields = ["iso3", "iso2", "name_en", "name_fr", "name_es", "aliases__name"]
    inlines = [StateAliasInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is StateAlias:
            for alias_form in formset.forms:
                if alias_form.cleaned_data and not alias_form.cleaned_data.get("DELETE"):
                    alias_form.instance.key = normalise_name(alias_form.instance.name)
        super().save_formset(request, form, formset, change)


@admin.register(StateAlias)
class StateAliasAdmin(ReferenceAdmin):
    resource_classes = [StateAliasResource]
    list_display = ["name", "state", "key", "source"]
    list_filter = ["state__regional_group", "source"]
    list_select_related = ["state"]
    search_fields = ["name", "key", "state__iso3", "state__name_en"]
    readonly_fields = ["key"]
    autocomplete_fields = ["state"]
    form = StateAliasForm

    def save_model(self, request, obj, form, change):
        obj.key = normalise_name(obj.name)
        super().save_model(request, obj, form, change)


@admin.register(Cycle)
class CycleAdmin(ReferenceAdmin):
    resource_classes = [CycleResource]
    list_display = ["number", "start_date", "end_date"]


@admin.register(WorkingGroupSession)
class WorkingGroupSessionAdmin(ReferenceAdmin):
    resource_classes = [WorkingGroupSessionResource]
    list_display = ["number", "cycle", "year", "start_date", "end_date"]
    list_filter = ["cycle", "year"]
    list_select_related = ["cycle"]
    search_fields = ["=number", "source"]


@admin.register(Review)
class ReviewAdmin(ReferenceAdmin):
    resource_classes = [ReviewResource]
    list_display = ["session", "order", "state", "status", "is_derived"]
    list_filter = ["session__cycle", "status", "is_derived", "state__regional_group", "session"]
    list_select_related = ["session", "state"]
    search_fields = ["state__iso3", "state__name_en", "state__name_fr", "state__name_es", "=session__number"]
    autocomplete_fields = ["session", "state", "troika"]
    ordering = ["session__number", "order", "state__name_en"]


@admin.register(Issue)
class IssueAdmin(ReferenceAdmin):
    resource_classes = [IssueResource]
    list_display = ["name_en", "name_fr", "name_es", "slug", "source"]
    list_filter = ["source"]
    search_fields = ["slug", "name_en", "name_fr", "name_es"]
    prepopulated_fields = {"slug": ["name_en"]}
