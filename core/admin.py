from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    """Users sign in with their e-mail address; roles are flags (one person may hold several)."""

    ordering = ["email"]
    list_display = [
        "email", "full_name", "language", "is_staff", "is_reviewer", "is_applicant", "is_diplomat"
    ]
    list_filter = ["is_staff", "is_reviewer", "is_applicant", "is_diplomat", "is_active", "language"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name", "language")}),
        (_("Roles"), {"fields": ("is_staff", "is_reviewer", "is_applicant", "is_diplomat")}),
        (_("Access"), {"fields": ("is_active", "is_superuser", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "full_name", "language", "password1", "password2")},
        ),
    )
    filter_horizontal = ("groups", "user_permissions")
