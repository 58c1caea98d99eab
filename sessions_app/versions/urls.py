from django.urls import path
from django.views.decorators.http import require_safe

from . import views
from .feeds import ProgrammeReleasesFeed

urlpatterns = [
    path("programme/changes/", views.programme_changes, name="programme_changes"),
    path(
        "programme/changes.atom",
        require_safe(ProgrammeReleasesFeed()),
        name="programme_changes_feed",
    ),
]
