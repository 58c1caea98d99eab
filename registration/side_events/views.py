"""Side events: the public calendar and its iCalendar file, sign-up, proposals and the staff
decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcm_review.page_cache import public_page
from registration.permissions import network_staff_required
from sessions_app.selectors import meeting_current

from . import selectors, services
from .calendar import side_events_ical
from .forms import SideEventDecisionForm, SideEventProposalForm
from .models import SideEvent
from .permissions import can_propose_side_event


@require_safe
@public_page
def side_events(request):
    meeting = meeting_current()
    days = selectors.side_events_by_day(meeting=meeting)
    events = [event for _day, day_events in days for event in day_events]
    context = {
        "meeting": meeting,
        "days": days,
        "signed_up": selectors.side_events_signed_up(user=request.user, events=events),
        "call": selectors.side_event_call(meeting=meeting),
    }
    return render(request, "side_events/list.html", context)


@require_safe
@public_page
def side_events_ics(request):
    meeting = meeting_current()
    body = side_events_ical(
        meeting=meeting, side_events=selectors.side_events_approved(meeting=meeting)
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    filename = _("gcm-regional-review-side-events")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def _approved(pk) -> SideEvent:
    return get_object_or_404(
        SideEvent, pk=pk, meeting=meeting_current(), status=SideEvent.Status.APPROVED
    )


@login_required
@require_POST
def sign_up(request, pk):
    side_event = _approved(pk)
    try:
        services.side_event_sign_up(side_event=side_event, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have a seat at “%(title)s”.") % {"title": side_event})
    return redirect(side_event.get_absolute_url())


@login_required
@require_POST
def sign_up_cancel(request, pk):
    side_event = _approved(pk)
    services.side_event_sign_up_cancel(side_event=side_event, user=request.user)
    messages.success(request, _("Your seat at “%(title)s” is free again.") % {"title": side_event})
    return redirect(side_event.get_absolute_url())


@login_required
@require_safe
def my_side_events(request):
    meeting = meeting_current()
    context = {
        "meeting": meeting,
        "proposals": selectors.side_events_of_proposer(meeting=meeting, user=request.user),
        "call": selectors.side_event_call(meeting=meeting),
        "may_propose": can_propose_side_event(request.user, meeting),
    }
    return render(request, "side_events/my.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def propose(request):
    meeting = meeting_current()
    call = selectors.side_event_call(meeting=meeting)
    if not can_propose_side_event(request.user, meeting):
        return render(
            request, "side_events/propose.html", {"meeting": meeting, "call": call}, status=403
        )
    form = SideEventProposalForm(
        request.POST if request.method == "POST" else None, initial={"day": meeting.date}
    )
    if form.is_valid():
        try:
            services.side_event_propose(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your side event has been sent to the Network; you will get its answer by mail."),
            )
            return redirect("side_events:my")
    context = {"meeting": meeting, "call": call, "form": form, "open": call.is_open()}
    return render(
        request, "side_events/propose.html", context, status=400 if form.is_bound else 200
    )


def _staff_page(request, meeting, *, bound=None, status=200):
    proposals = list(selectors.side_events_for_staff(meeting=meeting))
    for item in proposals:
        if bound and bound[0] == item.pk:
            item.form = bound[1]  # with its errors, also when another decision came first
        elif item.status == SideEvent.Status.PENDING:
            item.form = SideEventDecisionForm(auto_id=f"id_side_event_{item.pk}_%s")
    context = {
        "meeting": meeting,
        "proposals": proposals,
        "call": selectors.side_event_call(meeting=meeting),
    }
    return render(request, "side_events/staff_list.html", context, status=status)


@network_staff_required
@require_safe
def staff_list(request):
    return _staff_page(request, meeting_current())


@network_staff_required
@require_POST
def staff_decide(request, pk):
    meeting = meeting_current()
    side_event = get_object_or_404(SideEvent, pk=pk, meeting=meeting)
    form = SideEventDecisionForm(request.POST, auto_id=f"id_side_event_{side_event.pk}_%s")
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.side_event_approve(side_event=side_event, by=request.user)
                success = _("“%(title)s” is approved and in the side events calendar.")
            else:
                services.side_event_decline(
                    side_event=side_event, by=request.user, reason=form.cleaned_data["reason"]
                )
                success = _("“%(title)s” is declined.")
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, success % {"title": side_event} + " " + _("The proposer is told by mail.")
            )
            return redirect("side_events:staff_list")
    return _staff_page(request, meeting, bound=(side_event.pk, form), status=400)
