from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from presessions.rounds.models import CallQuestion, DeadlineExtension, Presession, Round

from .programme import admin as programme_admin  # noqa: F401 (registers the programme's models)


class PresessionInline(admin.TabularInline):
    model = Presession
    extra = 0
    fields = ["review", "status"]
    autocomplete_fields = []
    raw_id_fields = ["review"]


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "status", "call_opens_at", "call_closes_at"]
    list_filter = ["status", "format"]
    inlines = [PresessionInline]


@admin.register(Presession)
class PresessionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "round", "status", "starts_at", "room"]
    list_filter = ["round", "status"]
    list_select_related = ["round", "review__state", "review__session", "room"]
    raw_id_fields = ["review", "moderator_user"]


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "round", "reason"]
    list_select_related = ["round", "review__state"]
    raw_id_fields = ["review", "created_by"]


@admin.register(CallQuestion)
class CallQuestionAdmin(SimpleHistoryAdmin):
    list_display = ["label_en", "round", "kind", "required", "order"]
    list_filter = ["round", "kind"]
