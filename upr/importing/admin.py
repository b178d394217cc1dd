"""Admin of recommendations (import with preview through django-import-export) and import jobs."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from core.importexport import IMPORT_FORMATS, ImportExportAdminMixin
from upr.importing.resources import OHCHRMatrixFormat, RecommendationResource, UPRInfoCSVFormat
from upr.models import ImportJob, Recommendation, RecommendationIssue, RecommendingState


class RecommendingStateInline(admin.TabularInline):
    model = RecommendingState
    extra = 0
    autocomplete_fields = ["state"]


class RecommendationIssueInline(admin.TabularInline):
    model = RecommendationIssue
    extra = 0
    autocomplete_fields = ["issue"]


@admin.register(Recommendation)
class RecommendationAdmin(ImportExportAdminMixin, ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [RecommendationResource]
    import_formats = [UPRInfoCSVFormat, OHCHRMatrixFormat, *IMPORT_FORMATS]
    export_formats = [CSV, XLSX]
    list_display = ["__str__", "review", "response", "action_category", "source_file", "source_line"]
    list_filter = ["response", "action_category", "review__session__cycle"]
    list_select_related = ["review__state", "review__session"]
    search_fields = ["text", "paragraph", "source_document"]
    raw_id_fields = ["review"]
    readonly_fields = ["text_key", "source_file", "source_line", "created", "updated"]
    inlines = [RecommendingStateInline, RecommendationIssueInline]

    def save_model(self, request, obj, form, change):
        from upr.importing.keys import text_key  # noqa: PLC0415

        obj.text_key = text_key(obj.text) if not change or "text" in form.changed_data else obj.text_key
        super().save_model(request, obj, form, change)


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = [
        "original_name",
        "status",
        "created_count",
        "updated_count",
        "error_count",
        "created_by",
        "created",
    ]
    list_filter = ["status"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    @admin.display(description=_("progress"))
    def percent(self, obj):
        return f"{obj.percent} %"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
