"""URLs of review and selection: reviewer pages, staff pages and the speaker's confirmation page."""

from django.urls import path

from . import views_review, views_review_admin, views_selection

app_name = "review"

urlpatterns = [
    path("review/", views_review.my_reviews, name="my_reviews"),
    path("review/applications/<int:pk>/", views_review.assess, name="assess"),
    path("review/conflicts/", views_review.conflicts, name="conflicts"),
    path("my/applications/<str:token>/confirm/", views_review.respond, name="respond"),
    path("staff/rounds/<int:number>/review/", views_selection.round_review, name="round_review"),
    path(
        "staff/rounds/<int:number>/review/assign/", views_selection.assign_reviewers, name="assign_reviewers"
    ),
    path("staff/rounds/<int:number>/assignments/", views_review_admin.assignments, name="assignments"),
    path(
        "staff/rounds/<int:number>/assignments/<int:pk>/remove/",
        views_review_admin.remove_assignment,
        name="remove_assignment",
    ),
    path("staff/rounds/<int:number>/criteria/", views_review_admin.criteria, name="criteria"),
    path("staff/rounds/<int:number>/criteria/seed/", views_review_admin.criteria_seed, name="criteria_seed"),
    path(
        "staff/rounds/<int:number>/criteria/new/", views_review_admin.criterion_form, name="criterion_create"
    ),
    path(
        "staff/rounds/<int:number>/criteria/<int:pk>/edit/",
        views_review_admin.criterion_form,
        name="criterion_edit",
    ),
    path(
        "staff/rounds/<int:number>/criteria/<int:pk>/move/",
        views_review_admin.criterion_move,
        name="criterion_move",
    ),
    path(
        "staff/rounds/<int:number>/criteria/<int:pk>/delete/",
        views_review_admin.criterion_delete,
        name="criterion_delete",
    ),
    path("staff/rounds/<int:number>/dashboard/", views_selection.dashboard, name="dashboard"),
    path("staff/rounds/<int:number>/export/<slug:kind>.<slug:fmt>", views_selection.export, name="export"),
    path("staff/presessions/<int:pk>/board/", views_selection.board, name="board"),
    path(
        "staff/presessions/<int:pk>/board/<int:application_pk>/decision/",
        views_selection.record_decision,
        name="record_decision",
    ),
    path(
        "staff/presessions/<int:pk>/decisions/", views_selection.confirm_decisions, name="confirm_decisions"
    ),
    path("staff/presessions/<int:pk>/extend/", views_selection.extend_deadline, name="extend_deadline"),
]
