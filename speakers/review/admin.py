"""Admin of review. Criteria are configuration and editable; assessments, assignments, conflict
declarations and conflicts are written by the services (reviewer and staff pages), so the admin only
shows them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Assessment,
    AssessmentScore,
    ConflictDeclaration,
    ConflictOfInterest,
    ReviewCriterion,
    ReviewerAssignment,
)
from .services import recompute_totals


@admin.register(ReviewCriterion)
class ReviewCriterionAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "round", "weight", "scale_min", "scale_max", "order"]
    list_filter = ["round"]
    list_select_related = ["round"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        recompute_totals(obj.round)

    def delete_model(self, request, obj):
        round_ = obj.round
        super().delete_model(request, obj)
        recompute_totals(round_)


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ScoreInline(admin.TabularInline):
    model = AssessmentScore
    extra = 0
    can_delete = False
    readonly_fields = ["criterion", "value"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["application", "reviewer", "total", "submitted_at"]
    list_select_related = ["application__organisation", "application__presession__round", "reviewer"]
    search_fields = ["reviewer__email", "application__organisation__name"]
    inlines = [ScoreInline]


@admin.register(ReviewerAssignment)
class ReviewerAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["application", "reviewer", "assigned_by", "assigned_at"]
    list_select_related = [
        "application__organisation",
        "application__presession__round",
        "reviewer",
        "assigned_by",
    ]
    search_fields = ["reviewer__email", "application__organisation__name"]


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(ReadOnlyAdmin):
    list_display = ["reviewer", "organisation", "reason", "declared_at", "recorded_by"]
    list_select_related = ["reviewer", "organisation", "recorded_by"]
    search_fields = ["reviewer__email", "organisation__name"]


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(ReadOnlyAdmin):
    list_display = ["reviewer", "text", "status", "declared_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["reviewer", "decided_by"]
    search_fields = ["reviewer__email", "text"]
