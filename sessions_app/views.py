"""Public pages of the meeting: home, programme, one session, iCalendar, objectives, documents
and the PDF files of documents."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gcm_review.home_panels import home_panels
from gcm_review.page_cache import public_page
from gcm_review.uploads import upload_response

from . import selectors
from .calendar import programme_ical
from .news.selectors import news_latest
from .versions.selectors import programme_entries, programme_entry


@require_safe
@public_page
def home(request):
    meeting = selectors.meeting_current()
    sessions = [entry for entry in programme_entries(meeting=meeting) if not entry.cancelled]
    return render(
        request,
        "sessions_app/home.html",
        {
            "meeting": meeting,
            "hearing": next((s for s in sessions if s.kind == s.Kind.HEARING), None),
            "conference": [s for s in sessions if s.kind != s.Kind.HEARING],
            "countdowns": selectors.key_dates_countdown(meeting=meeting),
            "questions": selectors.guiding_questions(meeting=meeting),
            "news": news_latest(meeting=meeting),
            "panels": home_panels(request=request, meeting=meeting),
        },
    )


@require_safe
@public_page
def programme(request):
    meeting = selectors.meeting_current()
    return render(
        request,
        "sessions_app/programme.html",
        {"meeting": meeting, "sessions": programme_entries(meeting=meeting)},
    )


@require_safe
@public_page
def session_detail(request, slug):
    meeting = selectors.meeting_current()
    session = programme_entry(meeting=meeting, slug=slug)
    documents = list(selectors.documents_for(meeting=meeting).filter(session=session.session))
    return render(
        request,
        "sessions_app/session_detail.html",
        {
            "meeting": meeting,
            "session": session,
            "documents": documents,
            "background_notes": [d for d in documents if d.is_background_note],
            "other_documents": [d for d in documents if not d.is_background_note],
        },
    )


@require_safe
@public_page
def programme_ics(request):
    meeting = selectors.meeting_current()
    body = programme_ical(
        meeting=meeting, entries=programme_entries(meeting=meeting, with_gone=True)
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    filename = _("gcm-regional-review-programme")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


@require_safe
@public_page
def objectives(request):
    meeting = selectors.meeting_current()
    return render(
        request,
        "sessions_app/objectives.html",
        {"meeting": meeting, "objectives": selectors.objectives_with_sessions(meeting=meeting)},
    )


@require_safe
@public_page
def documents(request):
    meeting = selectors.meeting_current()
    return render(
        request,
        "sessions_app/documents.html",
        {"meeting": meeting, "groups": selectors.documents_by_kind(meeting=meeting)},
    )


@require_safe
def document_file(request, pk):
    """A document's PDF (such as a background note); public, like the documents page."""
    meeting = selectors.meeting_current()
    document = get_object_or_404(meeting.documents, pk=pk)
    if not document.file:
        raise Http404("This document has no file.")
    return upload_response(
        document.file, filename=f"{document.kind.replace('_', '-')}-{document.pk}.pdf"
    )
