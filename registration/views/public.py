"""Public pages: the participant list."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from registration import selectors
from sessions_app.selectors import meeting_current


@require_safe
def participants(request):
    meeting = meeting_current()
    return render(
        request,
        "registration/participants.html",
        {"meeting": meeting, "participants": selectors.participants_public(meeting=meeting)},
    )
