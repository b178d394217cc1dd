"""Admin of rooms, days (with their breaks) and unavailability windows; staff pages are the usual way."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from presessions.programme.models import DayBreak, Room, RoundDay, UnavailabilityWindow


@admin.register(Room)
class RoomAdmin(SimpleHistoryAdmin):
    list_display = ["name", "round", "mode", "capacity", "order"]
    list_filter = ["round", "mode"]
    list_select_related = ["round"]


class DayBreakInline(admin.TabularInline):
    model = DayBreak
    extra = 0


@admin.register(RoundDay)
class RoundDayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "round", "opens_at", "closes_at"]
    list_filter = ["round"]
    list_select_related = ["round"]
    inlines = [DayBreakInline]


@admin.register(UnavailabilityWindow)
class UnavailabilityWindowAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "round", "kind", "starts_at", "ends_at", "weight"]
    list_filter = ["round", "kind"]
    list_select_related = ["round", "state"]
    raw_id_fields = ["review", "state", "created_by"]
