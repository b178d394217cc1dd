"""Statements in the admin: read-only (they change through the speaker's editor and the review page)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Statement, StatementEvent


class StatementEventInline(admin.TabularInline):
    model = StatementEvent
    extra = 0
    fields = ["created_at", "action", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "application", "status", "version_count", "updated_at"]
    list_filter = ["status", "application__presession__round"]
    list_select_related = ["application__organisation", "application__presession__review__state"]
    fields = [
        "application",
        "status",
        "language",
        "version_count",
        "consent_publish_statement",
        "submitted_at",
        "approved_at",
    ]
    readonly_fields = fields
    inlines = [StatementEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
