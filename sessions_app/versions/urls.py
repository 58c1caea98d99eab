from django.urls import path

from . import views
from .feeds import ProgrammeReleasesFeed

urlpatterns = [
    path("programme/changes/", views.programme_changes, name="programme_changes"),
    path("programme/changes.atom", ProgrammeReleasesFeed(), name="programme_changes_feed"),
]
