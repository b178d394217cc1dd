from django.urls import path

from . import views

urlpatterns = [
    path("staff/missions/", views.mission_list, name="mission_list"),
    path("staff/missions/<str:iso3>/", views.mission_detail, name="mission_detail"),
    path("staff/missions/<str:iso3>/diplomats/new/", views.diplomat_create, name="diplomat_create"),
    path("staff/missions/<str:iso3>/diplomats/<int:pk>/", views.diplomat_edit, name="diplomat_edit"),
    path(
        "staff/missions/<str:iso3>/diplomats/<int:pk>/rotate/", views.diplomat_rotate, name="diplomat_rotate"
    ),
]
