"""URLs of review: the reviewer's pages, the staff's set-up of a Round's review, conflict declarations."""

from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("review/", views.my_reviews, name="my_reviews"),
    path("review/applications/<int:pk>/", views.assess, name="assess"),
    path("review/conflicts/", views.conflicts, name="conflicts"),
    path("staff/conflicts/", views.declarations, name="declarations"),
    path("staff/conflicts/<int:pk>/", views.declaration_decide, name="declaration_decide"),
    path("staff/rounds/<int:number>/review/", views.round_review, name="round_review"),
    path("staff/rounds/<int:number>/review/assign/", views.assign_reviewers, name="assign_reviewers"),
    path("staff/rounds/<int:number>/assignments/", views.assignments, name="assignments"),
    path(
        "staff/rounds/<int:number>/assignments/<int:pk>/remove/",
        views.remove_assignment,
        name="remove_assignment",
    ),
    path("staff/rounds/<int:number>/criteria/", views.criteria, name="criteria"),
    path("staff/rounds/<int:number>/criteria/seed/", views.criteria_seed, name="criteria_seed"),
    path("staff/rounds/<int:number>/criteria/new/", views.criterion_form, name="criterion_create"),
    path("staff/rounds/<int:number>/criteria/<int:pk>/edit/", views.criterion_form, name="criterion_edit"),
    path("staff/rounds/<int:number>/criteria/<int:pk>/move/", views.criterion_move, name="criterion_move"),
    path(
        "staff/rounds/<int:number>/criteria/<int:pk>/delete/", views.criterion_delete, name="criterion_delete"
    ),
]
