"""Admin of the core app: users (with their change history) and the mail outbox (read-only)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.models import OutboundMail, OutboundMailAttachment, User


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "language")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "language",
        "is_staff",
        "is_reviewer",
        "is_applicant",
        "is_diplomat",
    ]
    list_filter = ["is_staff", "is_reviewer", "is_applicant", "is_diplomat", "is_active", "language"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "language"]}),
        (_("Roles"), {"fields": ["is_staff", "is_reviewer", "is_applicant", "is_diplomat"]}),
        (_("Access"), {"fields": ["is_active", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "language", "password1", "password2"]}),
    ]


class AttachmentInline(admin.TabularInline):
    model = OutboundMailAttachment
    fields = ["filename", "mimetype", "size"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")


@admin.register(OutboundMail)
class OutboundMailAdmin(SimpleHistoryAdmin):
    """Read-only: mails change only through the outbox (staff resend on /staff/outbox/)."""

    list_display = ["created_at", "recipient", "subject", "language", "status", "attempts", "sent_at"]
    list_filter = ["status", "language"]
    search_fields = ["recipient", "subject", "idempotency_key"]
    date_hierarchy = "created_at"
    inlines = [AttachmentInline]
    list_select_related = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("text_body", "html_body")

    def get_fields(self, request, obj=None):
        fields = [f.name for f in self.model._meta.fields if f.name not in {"id", "claim_token"}]
        if obj is not None and obj.sensitive:
            fields = [name for name in fields if name not in {"text_body", "html_body"}]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
