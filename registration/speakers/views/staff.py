"""Network staff's selection board: selecting speakers, internal notes, sending the outcome."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcm_review.flash import errors_flash
from registration.models import Call, ExpressionOfInterest
from registration.permissions import network_staff_required
from registration.speakers import board, selection, selectors
from registration.speakers.forms import StaffNoteForm
from sessions_app.selectors import meeting_current


def _board_url(expression_or_call, session=None) -> str:
    if isinstance(expression_or_call, ExpressionOfInterest):
        call = expression_or_call.call
        session = expression_or_call.session if call.per_session else None
    else:
        call = expression_or_call
    return f"{reverse('registration:staff_selection')}#{board.slot_anchor(call, session)}"


@network_staff_required
@require_safe
def staff_selection(request):
    meeting = meeting_current()
    return render(
        request,
        "registration/staff/selection.html",
        {"meeting": meeting, "board": board.selection_board(meeting=meeting)},
    )


@network_staff_required
@require_POST
def staff_selection_decide(request, pk):
    expression = get_object_or_404(
        ExpressionOfInterest.objects.select_related("call", "session"), pk=pk
    )
    action = request.POST.get("action")
    if action not in ("select", "unselect"):
        return HttpResponseBadRequest(_("Choose to select or to unselect."))
    service = selection.expression_select if action == "select" else selection.expression_unselect
    try:
        service(expression=expression, by=request.user)
    except ValidationError as error:
        errors_flash(request, error)
    else:
        messages.success(
            request,
            (
                _("%(person)s is selected.")
                if action == "select"
                else _("%(person)s is no longer selected.")
            )
            % {"person": expression.speaker_name},
        )
    return redirect(_board_url(expression))


@network_staff_required
@require_POST
def staff_selection_note(request, pk):
    expression = get_object_or_404(
        ExpressionOfInterest.objects.select_related("call", "session"), pk=pk
    )
    form = StaffNoteForm(request.POST)
    if form.is_valid():
        selection.expression_note_save(
            expression=expression, note=form.cleaned_data["note"], by=request.user
        )
        messages.success(request, _("The internal note has been saved."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(_board_url(expression))


@network_staff_required
@require_POST
def staff_selection_notify(request, pk):
    meeting = meeting_current()
    call = get_object_or_404(Call.objects.select_related("meeting"), pk=pk, meeting=meeting)
    session = None
    if call.per_session:
        session_id = request.POST.get("session", "")
        sessions = selectors.thematic_sessions(meeting=meeting)
        session = sessions.filter(pk=session_id).first() if session_id.isdecimal() else None
        if session is None:
            return HttpResponseBadRequest(_("Choose one of the thematic sessions."))
    try:
        counts = selection.expressions_notify(call=call, session=session, by=request.user)
    except ValidationError as error:
        errors_flash(request, error)
    else:
        messages.success(
            request,
            _(
                "The outcome has been sent by email: %(selected)d selected, %(not_selected)d "
                "not selected."
            )
            % counts,
        )
    return redirect(_board_url(call, session))
