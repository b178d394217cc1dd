from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .lineup import admin as lineup_admin  # noqa: F401 (registers the running order's model)
from .models import (
    Application,
    ApplicationEvent,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
)


class MembershipInline(admin.TabularInline):
    model = OrganisationMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "country", "kind", "ecosoc_status"]
    list_filter = ["kind", "ecosoc_status"]
    search_fields = ["name", "acronym"]
    list_select_related = ["country"]
    inlines = [MembershipInline]


@admin.register(OrganisationInvitation)
class OrganisationInvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "organisation", "created_at", "accepted_at"]
    list_select_related = ["organisation"]


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
    ]
    raw_id_fields = ["presession", "organisation", "created_by", "pending_decision_by"]
    filter_horizontal = ["issues", "coalition_members"]
    inlines = [EventInline]

# Review and selection (speakers-review).
from . import admin_review  # noqa: E402, F401
