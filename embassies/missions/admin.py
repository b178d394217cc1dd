"""Admin of Missions and diplomats: import (with preview) and export in CSV and XLSX, history."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from core.importexport import IMPORT_FORMATS, ImportExportAdminMixin

from .models import Diplomat, PermanentMission
from .resources import DiplomatResource, MissionResource


class ContactAdmin(ImportExportAdminMixin, ImportExportModelAdmin, SimpleHistoryAdmin):
    import_formats = IMPORT_FORMATS
    export_formats = [CSV, XLSX]
    list_per_page = 100


@admin.register(PermanentMission)
class PermanentMissionAdmin(ContactAdmin):
    resource_classes = [MissionResource]
    list_display = ["state", "email", "phone", "language"]
    list_select_related = ["state"]
    search_fields = ["state__name_en", "state__iso3", "email"]
    list_filter = ["language", "state__regional_group"]
    raw_id_fields = ["state"]


@admin.register(Diplomat)
class DiplomatAdmin(ContactAdmin):
    resource_classes = [DiplomatResource]
    list_display = ["name", "mission", "title", "email", "status"]
    list_select_related = ["mission__state"]
    search_fields = ["name", "email", "mission__state__name_en", "mission__state__iso3"]
    list_filter = ["status", "title", "language"]
    raw_id_fields = ["mission", "successor", "user"]
    filter_horizontal = ["issues"]
