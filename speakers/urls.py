"""The URLs of every speakers package, each under its own namespace (the package's name)."""

from django.urls import include, path

urlpatterns = [
    path("", include("speakers.organisations.urls")),
    path("", include("speakers.applications.urls")),
    path("", include("speakers.review.urls")),
    path("", include("speakers.selection.urls")),
    path("", include("speakers.statements.urls")),
]
