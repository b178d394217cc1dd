from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("my/organisations/", views.organisation_list, name="organisation_list"),
    path("my/organisations/new/", views.organisation_create, name="organisation_create"),
    path("my/organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("my/organisations/<int:pk>/invite/", views.organisation_invite, name="organisation_invite"),
    path(
        "my/organisations/<int:pk>/renew-code/",
        views.organisation_renew_token,
        name="organisation_renew_token",
    ),
    path("my/organisations/<int:pk>/members/", views.organisation_members, name="organisation_members"),
    path(
        "my/organisations/<int:pk>/members/<int:membership_pk>/role/",
        views.organisation_member_role,
        name="organisation_member_role",
    ),
    path(
        "my/organisations/<int:pk>/members/<int:membership_pk>/remove/",
        views.organisation_member_remove,
        name="organisation_member_remove",
    ),
    path("my/organisations/<int:pk>/leave/", views.organisation_leave, name="organisation_leave"),
    path("my/organisations/join/", views.organisation_join, name="organisation_join"),
    path("my/organisations/join/<str:token>/", views.organisation_join, name="organisation_join_token"),
]
