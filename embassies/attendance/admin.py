"""Check-ins in the admin: to look up and audit (history), never to edit (the check-in page does that)."""

from django.contrib import admin

from embassies.invitations.admin import ReadOnlyAdmin

from .models import CheckIn


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ["presession", "mission", "name", "walk_in", "checked_in_at", "checked_in_by"]
    list_filter = ["walk_in"]
    list_select_related = [
        "presession__review__state",
        "presession__round",
        "mission__state",
        "checked_in_by",
    ]
    search_fields = ["name", "mission__state__name_en", "mission__state__iso3"]
