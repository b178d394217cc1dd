from django.urls import path, re_path

from . import views

urlpatterns = [
    path("staff/presessions/<str:token>/checkin/", views.checkin, name="checkin"),
    path("staff/presessions/<str:token>/checkin/tap/", views.checkin_tap, name="checkin_tap"),
    path("staff/presessions/<str:token>/checkin/walk-in/", views.checkin_walk_in, name="checkin_walk_in"),
    path("staff/rounds/<int:number>/attendance/", views.attendance_figures, name="attendance_figures"),
    re_path(
        r"^staff/rounds/(?P<number>[0-9]+)/attendance/(?P<what>figures|checkins)\.(?P<file_format>csv|xlsx)$",
        views.attendance_export,
        name="attendance_export",
    ),
]
