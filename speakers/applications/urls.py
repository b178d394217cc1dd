from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
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
