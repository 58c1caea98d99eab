from django.urls import path

from . import views

app_name = "programme_staff"

urlpatterns = [
    path("staff/programme/", views.staff_programme, name="staff_programme"),
]
