from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("staff/reminders/", views.staff_reminders, name="staff"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
