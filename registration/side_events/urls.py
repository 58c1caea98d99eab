from django.urls import path

from . import views

app_name = "side_events"

urlpatterns = [
    path("programme/side-events/", views.side_events, name="list"),
    path("programme/side-events.ics", views.side_events_ics, name="ics"),
    path("programme/side-events/<int:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("programme/side-events/<int:pk>/cancel/", views.sign_up_cancel, name="sign_up_cancel"),
    path("my/side-events/", views.my_side_events, name="my"),
    path("my/side-events/propose/", views.propose, name="propose"),
    path("staff/side-events/", views.staff_list, name="staff_list"),
    path("staff/side-events/<int:pk>/decide/", views.staff_decide, name="staff_decide"),
]
