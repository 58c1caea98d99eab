from django.urls import path

from . import views
from .versions.urls import urlpatterns as versions_urlpatterns

app_name = "sessions_app"

urlpatterns = [
    path("", views.home, name="home"),
    path("programme/", views.programme, name="programme"),
    path("programme.ics", views.programme_ics, name="programme_ics"),
    *versions_urlpatterns,
    path("programme/<slug:slug>/", views.session_detail, name="session"),
    path("objectives/", views.objectives, name="objectives"),
    path("documents/", views.documents, name="documents"),
    path("documents/<int:pk>/file/", views.document_file, name="document_file"),
]
