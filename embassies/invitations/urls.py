from django.urls import path

from . import views

urlpatterns = [
    path("staff/invitations/", views.invitation_overview, name="invitation_overview"),
    path("staff/invitations/send/", views.invitations_send, name="invitations_send"),
    path("staff/presessions/<str:token>/guests/", views.guest_list, name="guest_list"),
    path("staff/presessions/<str:token>/guests/send/", views.guest_send, name="guest_send"),
    path("staff/presessions/<str:token>/guests/remind/", views.guest_remind, name="guest_remind"),
    path("staff/presessions/<str:token>/guests/moderator/", views.moderator_invite, name="moderator_invite"),
    path(
        "staff/presessions/<str:token>/guests/<int:pk>/withdraw/", views.guest_withdraw, name="guest_withdraw"
    ),
    path(
        "staff/presessions/<str:token>/guests/<int:pk>/answer/",
        views.invitation_answer,
        name="invitation_answer",
    ),
    path(
        "staff/presessions/<str:token>/guests/<int:pk>/link/", views.invitation_link, name="invitation_link"
    ),
    path("i/<str:token>/", views.rsvp, name="rsvp"),
    path("i/<str:token>/calendar.ics", views.rsvp_calendar, name="rsvp_calendar"),
]
