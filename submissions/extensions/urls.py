from django.urls import path

from . import views

app_name = "extensions"

urlpatterns = [
    path("my/submission/extension/", views.request_new, name="request"),
    path("staff/submissions/extension-requests/", views.staff_list, name="staff_list"),
    path(
        "staff/submissions/extension-requests/<int:pk>/decide/",
        views.staff_decide,
        name="staff_decide",
    ),
]
