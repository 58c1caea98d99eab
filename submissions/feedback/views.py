"""The survey for approved participants; its results, window and export for Network staff."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcm_review.audit import Action, audit_record
from gcm_review.spreadsheet import cell_safe
from registration.models import Registration
from registration.permissions import network_staff_required
from sessions_app.selectors import meeting_current

from . import selectors, services
from .forms import FeedbackForm, FeedbackWindowForm


@login_required
@require_http_methods(["GET", "POST"])
def answer(request):
    """Approved participants answer once, while the survey is open."""
    meeting = meeting_current()
    registration = selectors.feedback_registration(meeting=meeting, user=request.user)
    if registration is None:
        return render(request, "feedback/not_participant.html", {"meeting": meeting}, status=403)
    opens, closes = selectors.feedback_window(meeting=meeting)
    context = {"meeting": meeting, "opens": opens, "closes": closes}
    if request.method == "GET" and selectors.feedback_has_answered(
        meeting=meeting, user=request.user
    ):
        return render(request, "feedback/answered.html", context)
    if not selectors.feedback_is_open(meeting=meeting):
        if request.method == "POST":
            raise PermissionDenied
        context["not_yet"] = timezone.now() < opens
        return render(request, "feedback/closed.html", context)
    form = FeedbackForm(
        request.POST if request.method == "POST" else None,
        sessions=selectors.feedback_sessions(meeting=meeting, parts=registration.parts),
        online=registration.attendance == Registration.Attendance.ONLINE,
    )
    if form.is_valid():
        try:
            services.feedback_submit(
                meeting=meeting,
                user=request.user,
                answers=form.answers(),
                session_ratings=form.session_ratings(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Thank you: your answers are recorded, anonymously."))
            return redirect("feedback:answer")
    context["form"] = form
    return render(request, "feedback/answer.html", context, status=400 if form.is_bound else 200)


def _staff_page(request, meeting, *, window_form=None, status=200):
    opens, closes = selectors.feedback_window(meeting=meeting)
    tz = meeting.tzinfo
    context = {
        "meeting": meeting,
        "results": selectors.feedback_results(meeting=meeting),
        "opens": opens,
        "closes": closes,
        "is_open": selectors.feedback_is_open(meeting=meeting),
        "to_invite": selectors.feedback_invitees(meeting=meeting).count(),
        "window_form": window_form
        or FeedbackWindowForm(
            initial={"opens": opens.astimezone(tz), "closes": closes.astimezone(tz)}
        ),
    }
    return render(request, "feedback/staff_results.html", context, status=status)


@network_staff_required
@require_safe
def staff_results(request):
    meeting = meeting_current()
    with timezone.override(meeting.tzinfo):
        return _staff_page(request, meeting)


@network_staff_required
@require_POST
def staff_send(request):
    meeting = meeting_current()
    try:
        sent = services.feedback_invitations_send_now(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Invitations sent: %(count)s.") % {"count": sent})
    return redirect("feedback:staff_results")


@network_staff_required
@require_POST
def staff_window(request):
    meeting = meeting_current()
    with timezone.override(meeting.tzinfo):
        form = FeedbackWindowForm(request.POST)
        if form.is_valid():
            try:
                services.feedback_window_set(meeting=meeting, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The survey's dates are saved."))
                return redirect("feedback:staff_results")
        return _staff_page(request, meeting, window_form=form, status=400)


@network_staff_required
@require_safe
def staff_export(request):
    meeting = meeting_current()
    audit_record(action=Action.EXPORT, target=meeting, detail={"export": "feedback.csv"})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gcm-review-feedback.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in selectors.feedback_export_rows(meeting=meeting):
        writer.writerow(cell_safe("" if value is None else value) for value in row)
    return response
