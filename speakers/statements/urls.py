from django.urls import path

from . import views

app_name = "statements"

urlpatterns = [
    path("my/statements/", views.statement_list, name="list"),
    path("my/statements/<str:token>/", views.statement_detail, name="detail"),
    path("my/statements/<str:token>/start/", views.statement_start, name="start"),
    path("my/statements/<str:token>/edit/", views.statement_edit, name="edit"),
    path("my/statements/<str:token>/submit/", views.statement_submit, name="submit"),
    path("my/statements/<str:token>/file/", views.statement_file, name="file"),
    path("staff/rounds/<int:number>/statements/", views.round_statements, name="round"),
    path("staff/statements/<str:token>/", views.statement_review, name="review"),
    path("staff/statements/<str:token>/file/", views.statement_review_file, name="review_file"),
]
