"""A State's focal point asks for a deadline extension; Network staff grant or decline it."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcm_review.i18n import localized
from registration.permissions import network_staff_required
from sessions_app.selectors import meeting_current

from .. import services as submission_services
from . import selectors, services
from .forms import ExtensionDecisionForm, ExtensionRequestForm
from .models import ExtensionRequest


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    """Only a verified focal point of a State asks, for their own State."""
    state = request.user.verified_member_state
    if state is None:
        return render(request, "submissions/not_focal_point.html", status=403)
    meeting = meeting_current()
    form = ExtensionRequestForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.extension_request_create(
                meeting=meeting, member_state=state, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Your request has been sent to the Network; you will get its answer by mail."),
            )
            return redirect("submissions:edit")
    context = {
        "form": form,
        "meeting": meeting,
        "state": state,
        "deadline": submission_services.submission_deadline(meeting=meeting, member_state=state),
        "latest": selectors.extension_request_latest(meeting=meeting, member_state=state),
    }
    return render(request, "extensions/request.html", context, status=400 if form.is_bound else 200)


def _decision_form(extension_request: ExtensionRequest, data=None) -> ExtensionDecisionForm:
    """Prefilled with the date wished, at the end of that day in the meeting's time zone."""
    wished = datetime.datetime.combine(
        extension_request.until_wished,
        datetime.time(23, 59),
        tzinfo=extension_request.meeting.tzinfo,
    )
    return ExtensionDecisionForm(
        data, initial={"until": wished}, auto_id=f"id_request_{extension_request.pk}_%s"
    )


def _staff_page(request, meeting, *, bound=None, status=200):
    requests = list(selectors.extension_requests_for_staff(meeting=meeting))
    for item in requests:
        item.meeting = meeting
        if item.status == ExtensionRequest.Status.PENDING:
            item.form = bound[1] if bound and bound[0] == item.pk else _decision_form(item)
    return render(
        request,
        "extensions/staff_list.html",
        {"meeting": meeting, "requests": requests},
        status=status,
    )


@network_staff_required
@require_safe
def staff_list(request):
    meeting = meeting_current()
    with timezone.override(meeting.tzinfo):
        return _staff_page(request, meeting)


@network_staff_required
@require_POST
def staff_decide(request, pk):
    meeting = meeting_current()
    extension_request = get_object_or_404(
        ExtensionRequest.objects.select_related("member_state"), pk=pk, meeting=meeting
    )
    with timezone.override(meeting.tzinfo):
        form = _decision_form(extension_request, request.POST)
        if form.is_valid():
            try:
                success = _decide(request, extension_request, form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, success)
                return redirect("extensions:staff_list")
        return _staff_page(request, meeting, bound=(extension_request.pk, form), status=400)


def _decide(request, extension_request: ExtensionRequest, data: dict) -> str:
    state = localized(extension_request.member_state, "name")
    if data["decision"] == "grant":
        services.extension_request_grant(
            extension_request=extension_request, by=request.user, until=data["until"]
        )
        until = formats.date_format(timezone.localtime(data["until"]), "DATETIME_FORMAT")
        return _(
            "%(state)s may now write until %(until)s; the focal point who asked is told by mail."
        ) % {"state": state, "until": until}
    services.extension_request_decline(
        extension_request=extension_request, by=request.user, comment=data["comment"]
    )
    return _("The request of %(state)s is declined; the focal point who asked is told by mail.") % {
        "state": state
    }
