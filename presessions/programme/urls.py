"""Staff URLs of the programme, included in the ``presessions`` namespace."""

from django.urls import path

from . import public, views

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
    path(_P + "feeds/", views.feeds, name="programme_feeds"),
    path(_P + "panels/<str:token>/", views.panel_edit, name="programme_panel"),
    path(_P + "panels/<str:token>/speakers/move/", views.speaker_move, name="programme_speaker_move"),
    path(_P + "panels/<str:token>/speakers/order/", views.speaker_reorder, name="programme_speaker_reorder"),
    path(_P + "panels/<str:token>/speakers/slot/", views.speaker_update, name="programme_speaker_update"),
    # Public (anonymous): every name below is in core.public.PUBLIC_URL_NAMES.
    path("p/rounds/<int:number>/programme/", public.programme_page, name="public_programme"),
    path("p/rounds/<int:number>/programme.ics", public.round_ics, name="round_ics"),
    path("p/rounds/<int:number>/schedule.json", public.frab_json, name="frab_json"),
    path("p/rounds/<int:number>/schedule.xml", public.frab_xml, name="frab_xml"),
    path("p/panels/<str:token>/", public.panel_page, name="public_panel"),
    path("p/panels/<str:token>/live/", public.live_view, name="panel_live"),
    path("p/panels/<str:token>.ics", public.panel_ics, name="panel_ics"),
    path("p/feeds/<str:token>.ics", public.personal_feed, name="personal_feed"),
    path("api/v1/rounds/<int:number>/programme/", public.api_programme, name="api_programme"),
]
