"""Briefs in the admin: read-only records (they change through the staff pages and the build task)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .compilation.models import Brief
from .distribution.models import BriefRecipient
from .pdf.models import BriefDocument


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Brief)
class BriefAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["presession", "published_at", "updated_at"]
    list_select_related = ["presession__round", "presession__review__state"]


@admin.register(BriefDocument)
class BriefDocumentAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["__str__", "round", "presession", "status", "size", "built_at"]
    list_filter = ["kind", "status", "language", "round"]
    list_select_related = ["round", "presession__review__state", "presession__round"]
    exclude = ["file"]


@admin.register(BriefRecipient)
class BriefRecipientAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["__str__", "email", "sent_at", "downloads", "revoked_at"]
    list_select_related = ["mission__state", "brief"]
    exclude = ["token"]
