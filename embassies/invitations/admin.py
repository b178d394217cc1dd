"""Invitations and reminders in the admin: to look up and audit (history), never to edit.

Every change goes through the services (guest list, sending, answers), so the admin is read-only.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Invitation, Reminder


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["presession", "kind", "mission", "recipient_name", "status", "response", "delegates"]
    list_filter = ["kind", "status", "response", "answer_channel"]
    list_select_related = ["presession__review__state", "presession__round", "mission__state"]
    search_fields = ["mission__state__name_en", "mission__state__iso3", "recipient_name", "recipient_email"]
    exclude = ["token", "bound_browser"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["presession", "kind", "created_at", "created_by", "recipients"]
    list_filter = ["kind"]
    list_select_related = ["presession__review__state", "presession__round", "created_by"]
