from django.urls import path

from . import views

app_name = "newsdesk"

urlpatterns = [
    path("staff/news/", views.staff_list, name="staff_list"),
    path("staff/news/new/", views.staff_new, name="staff_new"),
    path("staff/news/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("staff/news/<int:pk>/delete/", views.staff_delete, name="staff_delete"),
]
