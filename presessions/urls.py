from django.urls import include, path

from . import views
from .programme import urls as programme_urls

app_name = "presessions"

urlpatterns = [
    path("staff/rounds/", views.round_list, name="round_list"),
    path("staff/rounds/new/", views.round_create, name="round_create"),
    path("staff/rounds/<int:number>/", views.round_detail, name="round_detail"),
    path("staff/rounds/<int:number>/edit/", views.round_edit, name="round_edit"),
    path("staff/rounds/<int:number>/texts/", views.round_texts, name="round_texts"),
    path("staff/rounds/<int:number>/call/open/", views.round_set_call, {"action": "open"}, name="call_open"),
    path(
        "staff/rounds/<int:number>/call/close/", views.round_set_call, {"action": "close"}, name="call_close"
    ),
    path(
        "staff/rounds/<int:number>/presessions/<str:token>/status/",
        views.presession_status,
        name="presession_status",
    ),
    path("staff/rounds/<int:number>/questions/new/", views.question_form, name="question_create"),
    path("staff/rounds/<int:number>/questions/<int:pk>/edit/", views.question_form, name="question_edit"),
    path("staff/rounds/<int:number>/questions/<int:pk>/move/", views.question_move, name="question_move"),
    path(
        "staff/rounds/<int:number>/questions/<int:pk>/delete/", views.question_delete, name="question_delete"
    ),
    path("staff/rounds/<int:number>/extensions/new/", views.extension_create, name="extension_create"),
    path(
        "staff/rounds/<int:number>/extensions/<int:pk>/delete/",
        views.extension_delete,
        name="extension_delete",
    ),
    path("p/calls/<str:key>/", views.call_detail, name="call_detail"),
    *programme_urls.urlpatterns,
    path("", include("presessions.autoschedule.urls")),
]
