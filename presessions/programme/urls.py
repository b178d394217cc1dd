"""Staff URLs of the programme, included in the ``presessions`` namespace."""

from django.urls import path

from . import views

_P = "staff/rounds/<int:number>/programme/"

urlpatterns = [
    path(_P, views.timetable, name="programme_timetable"),
    path(_P + "rooms/", views.rooms, name="programme_rooms"),
    path(_P + "rooms/<int:pk>/", views.room_edit, name="programme_room_edit"),
    path(_P + "rooms/<int:pk>/delete/", views.room_delete, name="programme_room_delete"),
    path(_P + "days/", views.days, name="programme_days"),
    path(_P + "days/<int:pk>/delete/", views.day_delete, name="programme_day_delete"),
    path(_P + "days/<int:pk>/breaks/", views.break_add, name="programme_break_add"),
    path(_P + "breaks/<int:pk>/delete/", views.break_delete, name="programme_break_delete"),
    path(_P + "unavailability/", views.unavailabilities, name="programme_unavailabilities"),
    path(
        _P + "unavailability/<int:pk>/delete/",
        views.unavailability_delete,
        name="programme_unavailability_delete",
    ),
    path(_P + "releases/", views.release_list, name="programme_releases"),
    path(_P + "panels/<str:token>/", views.panel_edit, name="programme_panel"),
    path(_P + "panels/<str:token>/speakers/move/", views.speaker_move, name="programme_speaker_move"),
    path(_P + "panels/<str:token>/speakers/order/", views.speaker_reorder, name="programme_speaker_reorder"),
    path(_P + "panels/<str:token>/speakers/slot/", views.speaker_update, name="programme_speaker_update"),
]
