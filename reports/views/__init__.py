"""Pages of the summary report: staff drafting and compiling, focal points commenting, public."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from gcm_review.i18n import localized
from registration.permissions import network_staff_required
from sessions_app.selectors import days_until, meeting_current

from .. import circulation, selectors, services
from ..completeness import EmptySections
from ..forms import CirculateForm, CommentForm
from ..models import CompileJob, Report, ReportComment, ReportVersion
from .common import _errors, _report
from .outline import (  # noqa: F401 - the URLconf reaches every page through this module
    quote_add,
    quote_remove,
    section_add,
    section_delete,
    section_edit,
    section_move,
)

# Staff ---------------------------------------------------------------------------------------


@network_staff_required
@require_safe
def staff_overview(request):
    report = _report()
    due = circulation.report_due(meeting=report.meeting)
    return render(
        request,
        "reports/staff/overview.html",
        {
            "meeting": report.meeting,
            "report": report,
            "due": due,
            "days_left": days_until(due, meeting=report.meeting),
            "days_late": -days_until(due, meeting=report.meeting),
            "sections": selectors.outline(report=report),
            "versions": selectors.versions(report=report),
            "active_job": selectors.job_active(report=report),
            "last_job": selectors.job_last(report=report),
            "circulate_form": CirculateForm(),
            "statuses": Report.Status,
        },
    )


@network_staff_required
@require_POST
def compile_start(request):
    try:
        job = services.compile_request(
            report=_report(),
            by=request.user,
            with_compendium=request.POST.get("compendium") == "on",
        )
    except ValidationError as error:
        _errors(request, error)
        return redirect("reports:staff")
    return redirect(job.get_absolute_url())


@network_staff_required
@require_safe
def job_detail(request, pk):
    job = get_object_or_404(CompileJob.objects.select_related("version", "report"), pk=pk)
    return render(request, "reports/staff/job.html", {"job": job, "meeting": job.report.meeting})


@never_cache
@network_staff_required
@require_safe
def job_progress(request, pk):
    job = get_object_or_404(CompileJob.objects.select_related("version"), pk=pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "stage": job.stage_label,
            "percent": job.percent,
            "error": job.error,
            "version": job.version.number if job.version else None,
        }
    )


@network_staff_required
@require_POST
def job_retry(request, pk):
    job = get_object_or_404(CompileJob, pk=pk, status=CompileJob.Status.FAILED)
    try:
        new_job = services.compile_retry(job=job, by=request.user)
    except ValidationError as error:
        _errors(request, error)
        return redirect("reports:staff")
    return redirect(new_job.get_absolute_url())


@network_staff_required
@require_safe
def version_pdf(request, pk):
    version = get_object_or_404(ReportVersion, pk=pk)
    return _pdf_response(version)


def _pdf_response(version: ReportVersion):
    return FileResponse(
        version.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"gcm-regional-review-summary-report-v{version.number}.pdf",
    )


@network_staff_required
@require_POST
def version_circulate(request, pk):
    version = get_object_or_404(ReportVersion, pk=pk)
    form = CirculateForm(request.POST)
    if form.is_valid():
        try:
            circulation.version_circulate(
                version=version,
                by=request.user,
                comments_close_at=form.cleaned_data["comments_close_at"],
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(
                request,
                _("Version %(number)s is circulated to Member States.")
                % {"number": version.number},
            )
    else:
        messages.error(request, _("Give the date and time when comments close."))
    return redirect("reports:staff")


@network_staff_required
@require_POST
def report_status(request):
    report = _report()
    status = request.POST.get("status")
    version = None
    if version_id := request.POST.get("version", ""):
        if not version_id.isdecimal():  # "v2", "²": no version has such a number
            raise Http404
        version = get_object_or_404(ReportVersion, pk=version_id, report=report)
    if status not in (Report.Status.COMMENTS_CLOSED, Report.Status.FINAL, Report.Status.PUBLISHED):
        messages.error(request, _("Unknown step."))
        return redirect("reports:staff")
    try:
        circulation.report_status_set(
            report=report,
            status=status,
            version=version,
            confirm_empty=request.POST.get("confirm_empty") == "1",
        )
    except EmptySections as empty:
        return render(
            request,
            "reports/staff/confirm_empty.html",
            {
                "meeting": report.meeting,
                "status": status,
                "version": version or report.final_version,
                "chosen": version,
                "titles": empty.titles,
            },
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request, _("The report is now: %(status)s.") % {"status": Report.Status(status).label}
        )
    return redirect("reports:staff")


@network_staff_required
@require_safe
def staff_comments(request):
    report = _report()
    return render(
        request,
        "reports/staff/comments.html",
        {
            "meeting": report.meeting,
            "report": report,
            "sections": selectors.comments_by_section(report=report),
        },
    )


@network_staff_required
@require_POST
def comment_address(request, pk):
    comment = get_object_or_404(ReportComment.objects.select_related("member_state"), pk=pk)
    addressed = request.POST.get("addressed") == "on"
    circulation.comment_address(comment=comment, by=request.user, addressed=addressed)
    state = localized(comment.member_state, "name")
    messages.success(
        request,
        (
            _("The comment of %(state)s is marked as addressed.")
            if addressed
            else _("The comment of %(state)s is marked as not addressed.")
        )
        % {"state": state},
    )
    return redirect("reports:staff_comments")


# Focal points -------------------------------------------------------------------------------


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
    return _pdf_response(report.circulated_version)


# Public --------------------------------------------------------------------------------------


def _published_version() -> ReportVersion:
    report = selectors.report_for(meeting=meeting_current())
    if report is None or report.status != Report.Status.PUBLISHED or not report.final_version:
        raise Http404
    return report.final_version


@require_safe
def public_report(request):
    report = selectors.report_for(meeting=meeting_current())
    published = (
        report is not None and report.status == Report.Status.PUBLISHED and report.final_version
    )
    return render(
        request,
        "reports/public.html",
        {
            "meeting": meeting_current(),
            "report": report if published else None,
            "version": report.final_version if published else None,
            "data": report.final_version.data if published else None,
        },
    )


@require_safe
def public_report_pdf(request):
    return _pdf_response(_published_version())
