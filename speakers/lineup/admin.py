"""Admin of speakers' slots (the staff running-order page is the usual way to change them)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import SpeakerSlot


@admin.register(SpeakerSlot)
class SpeakerSlotAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "application", "position", "minutes", "mode", "time_zone"]
    list_filter = ["mode"]
    list_select_related = ["application__organisation", "application__presession__review__state"]
    raw_id_fields = ["application"]
