"""Admin of applications: read-mostly, status changes go through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Application, ApplicationEvent


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "note", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    """Read-mostly: status changes go through the services (the board, the applicant's pages)."""

    list_display = ["__str__", "status", "speaker_name", "submitted_at"]
    list_filter = ["status", "presession__round"]
    search_fields = ["organisation__name", "speaker_name"]
    list_select_related = ["organisation", "presession__round", "presession__review__state"]
    readonly_fields = [
        "status",
        "pending_decision",
        "submitted_at",
        "decided_at",
        "confirmed_at",
        "declined_at",
        "withdrawn_at",
        # Files change only through the services, which delete a replaced file after commit.
        "submission_file",
        "submission_file_size",
    ]
    raw_id_fields = ["presession", "organisation", "created_by", "pending_decision_by"]
    filter_horizontal = ["issues", "coalition_members"]
    inlines = [EventInline]
