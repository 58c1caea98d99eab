from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.answer, name="answer"),
    path("staff/feedback/", views.staff_results, name="staff_results"),
    path("staff/feedback/send/", views.staff_send, name="staff_send"),
    path("staff/feedback/window/", views.staff_window, name="staff_window"),
    path("staff/feedback/results.csv", views.staff_export, name="staff_export"),
]
