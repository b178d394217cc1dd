from django.urls import path

from . import views

urlpatterns = [
    path("staff/invitations/", views.invitation_overview, name="invitation_overview"),
    path("staff/presessions/<str:token>/guests/", views.guest_list, name="guest_list"),
    path(
        "staff/presessions/<str:token>/guests/<int:pk>/withdraw/", views.guest_withdraw, name="guest_withdraw"
    ),
]
