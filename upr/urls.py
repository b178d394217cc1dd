from django.urls import path

from upr import views
from upr.importing import views as import_views

from . import suggestion_views

app_name = "upr"

urlpatterns = [
    path("staff/recommendations/", views.recommendation_search, name="recommendation_search"),
    path(
        "staff/recommendations/export.csv",
        views.recommendation_export_csv,
        name="recommendation_export_csv",
    ),
    path(
        "staff/recommendations/export.xlsx",
        views.recommendation_export_xlsx,
        name="recommendation_export_xlsx",
    ),
    path("staff/states/<str:iso3>/history/", views.state_history_page, name="state_history"),
    path("staff/reviews/<int:pk>/targeting/", views.review_targeting, name="review_targeting"),
    path("staff/recommendations/import/", import_views.import_upload, name="recommendation_import"),
    path("staff/recommendations/import/<str:token>/", import_views.import_job, name="import_job"),
    path("staff/recommendations/suggestions/", suggestion_views.suggestion_list, name="suggestion_list"),
    path(
        "staff/recommendations/suggestions/<int:pk>/confirm/",
        suggestion_views.suggestion_confirm,
        name="suggestion_confirm",
    ),
    path(
        "staff/recommendations/suggestions/<int:pk>/reject/",
        suggestion_views.suggestion_reject,
        name="suggestion_reject",
    ),
]
