"""Public pages of the meeting: home, programme, one session, iCalendar, objectives, documents."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import selectors
from .calendar import programme_ical


@require_safe
def home(request):
    meeting = selectors.meeting_current()
    sessions = list(selectors.programme_sessions(meeting=meeting))
    return render(
        request,
        "sessions_app/home.html",
        {
            "meeting": meeting,
            "hearing": next((s for s in sessions if s.kind == s.Kind.HEARING), None),
            "conference": [s for s in sessions if s.kind != s.Kind.HEARING],
            "countdowns": selectors.key_dates_countdown(meeting=meeting),
            "questions": selectors.guiding_questions(meeting=meeting),
        },
    )


@require_safe
def programme(request):
    meeting = selectors.meeting_current()
    return render(
        request,
        "sessions_app/programme.html",
        {"meeting": meeting, "sessions": selectors.programme_sessions(meeting=meeting)},
    )


@require_safe
def session_detail(request, slug):
    meeting = selectors.meeting_current()
    session = selectors.session_by_slug(meeting=meeting, slug=slug)
    return render(
        request,
        "sessions_app/session_detail.html",
        {
            "meeting": meeting,
            "session": session,
            "documents": selectors.documents_for(meeting=meeting).filter(session=session),
        },
    )


@require_safe
def programme_ics(request):
    meeting = selectors.meeting_current()
    body = programme_ical(meeting=meeting, sessions=selectors.programme_sessions(meeting=meeting))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    filename = _("gcm-regional-review-programme")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


@require_safe
def objectives(request):
    meeting = selectors.meeting_current()
    return render(
        request,
        "sessions_app/objectives.html",
        {"meeting": meeting, "objectives": selectors.objectives_with_sessions(meeting=meeting)},
    )


@require_safe
def documents(request):
    meeting = selectors.meeting_current()
    return render(
        request,
        "sessions_app/documents.html",
        {"meeting": meeting, "groups": selectors.documents_by_kind(meeting=meeting)},
    )
