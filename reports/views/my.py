"""The report as a Member State's focal point reads and comments on it (``/my/report/``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from sessions_app.selectors import meeting_current

from .. import circulation, selectors
from ..forms import CommentForm
from .common import pdf_response


def _focal_point_state(request):
    state = request.user.verified_member_state
    if state is None:
        raise PermissionDenied
    return state


@login_required
def my_report(request):
    state = _focal_point_state(request)
    report = selectors.report_for(meeting=meeting_current())
    if report is None or report.circulated_version is None:
        return render(request, "reports/my_report.html", {"report": None})
    form = CommentForm(request.POST or None, sections=report.sections.all())
    if request.method == "POST" and form.is_valid():
        try:
            circulation.comment_add(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Thank you: your comment has been sent to the Network."))
            return redirect("reports:my_report")
    return render(
        request,
        "reports/my_report.html",
        {
            "report": report,
            "version": report.circulated_version,
            "data": report.circulated_version.data,
            "form": form,
            "comments_open": circulation.comments_open(report),
            "sections": selectors.comments_by_section(report=report, member_state=state),
            "state": state,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_safe
def my_report_pdf(request):
    _focal_point_state(request)
    report = selectors.report_for(meeting=meeting_current())
    if report is None or report.circulated_version is None:
        raise Http404
    return pdf_response(report.circulated_version)
