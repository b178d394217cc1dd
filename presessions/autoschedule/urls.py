from django.urls import path

from . import views

urlpatterns = [
    path("staff/rounds/<int:number>/schedule/", views.schedule_round, name="schedule_round"),
    path("staff/rounds/<int:number>/schedule/<str:token>/", views.scheduling_job, name="scheduling_job"),
]
