from django.urls import path

from . import suggestion_views

app_name = "upr"

urlpatterns = [
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
