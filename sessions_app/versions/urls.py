from django.urls import path
from django.views.decorators.http import require_safe

from gcm_review.page_cache import public_page

from . import views
from .feeds import ProgrammeReleasesFeed

urlpatterns = [
    path("programme/changes/", views.programme_changes, name="programme_changes"),
    path(
        "programme/changes.atom",
        require_safe(public_page(ProgrammeReleasesFeed())),
        name="programme_changes_feed",
    ),
]
