from django.urls import path

from . import views

app_name = "speakers"

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
    path("my/organisations/join/", views.organisation_join, name="organisation_join"),
    path("my/organisations/join/<str:token>/", views.organisation_join, name="organisation_join_token"),
    path("my/applications/", views.application_list, name="application_list"),
    path("my/apply/<str:presession_token>/", views.application_start, name="application_start"),
    path("my/applications/<str:token>/", views.application_detail, name="application_detail"),
    path("my/applications/<str:token>/edit/", views.application_edit, name="application_edit"),
    path("my/applications/<str:token>/submit/", views.application_submit, name="application_submit"),
    path("my/applications/<str:token>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("my/applications/<str:token>/file/", views.application_file, name="application_file"),
    path(
        "my/applications/<str:token>/answers/<int:question_pk>/file/", views.answer_file, name="answer_file"
    ),
]
