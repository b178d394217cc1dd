from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("UPR Pre-sessions administration")
admin.site.site_title = _("UPR Pre-sessions")
admin.site.index_title = _("Reference data and records")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("core.urls")),
    path("", include("presessions.urls")),
    path("", include("speakers.urls")),
    path("", include("speakers.urls_review")),
]
