from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core.views import admin_login, admin_password_change

admin.site.site_header = _("UPR Pre-sessions administration")
admin.site.site_title = _("UPR Pre-sessions")
admin.site.index_title = _("Reference data and records")
admin.site.login = admin_login  # everyone signs in through allauth (and its second factor)
admin.site.password_change = admin_password_change  # and changes a password there too

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("core.urls")),
    path("", include("upr.urls")),
    path("", include("presessions.urls")),
    path("", include("speakers.urls")),
    path("", include("embassies.urls")),
    path("", include("briefs.urls")),
]
