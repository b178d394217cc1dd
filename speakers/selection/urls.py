"""URLs of selection: the staff's board, decisions, dashboard and exports; the speaker's confirmation."""

from django.urls import path

from . import views

app_name = "selection"

urlpatterns = [
    path("my/applications/<str:token>/confirm/", views.respond, name="respond"),
    path("staff/rounds/<int:number>/dashboard/", views.dashboard, name="dashboard"),
    path("staff/rounds/<int:number>/export/<slug:kind>.<slug:fmt>", views.export, name="export"),
    path("staff/presessions/<int:pk>/board/", views.board, name="board"),
    path(
        "staff/presessions/<int:pk>/board/<int:application_pk>/decision/",
        views.record_decision,
        name="record_decision",
    ),
    path("staff/presessions/<int:pk>/decisions/", views.confirm_decisions, name="confirm_decisions"),
    path("staff/presessions/<int:pk>/extend/", views.extend_deadline, name="extend_deadline"),
]
