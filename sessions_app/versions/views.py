"""Public pages of programme versions: the list of changes and its Atom feed."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from gcm_review.page_cache import public_page

from ..selectors import meeting_current
from .selectors import releases_with_changes


@require_safe
@public_page
def programme_changes(request):
    meeting = meeting_current()
    return render(
        request,
        "sessions_app/programme_changes.html",
        {"meeting": meeting, "releases": releases_with_changes(meeting=meeting)},
    )
