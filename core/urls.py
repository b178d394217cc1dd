from django.urls import path

from . import health, staff_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("my/profile/", views.profile, name="profile"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("healthz", health.healthz, name="healthz"),
    path("staff/outbox/", staff_views.outbox_list, name="outbox_list"),
    path("staff/outbox/<int:pk>/", staff_views.outbox_detail, name="outbox_detail"),
    path("staff/outbox/<int:pk>/resend/", staff_views.outbox_resend, name="outbox_resend"),
    path("staff/audit/", staff_views.audit_list, name="audit_list"),
]
