"""Admin of organisations, their members and invitations."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organisation, OrganisationInvitation, OrganisationMembership


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
