from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("my/profile/", views.profile, name="profile"),
    path("i18n/setlang/", views.set_language, name="set_language"),
]
