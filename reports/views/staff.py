"""The summary report's staff pages: compiling, versions, circulation, status, comments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from gcm_review.flash import errors_flash
from gcm_review.i18n import localized
from registration.permissions import network_staff_required
from sessions_app.selectors import days_until

from .. import circulation, selectors, services
from ..completeness import EmptySections
from ..forms import CirculateForm
from ..models import CompileJob, Report, ReportComment, ReportVersion
from .common import pdf_response, report_current


@network_staff_required
@require_safe
def staff_overview(request):
    report = report_current()
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
            report=report_current(),
            by=request.user,
            with_compendium=request.POST.get("compendium") == "on",
        )
    except ValidationError as error:
        errors_flash(request, error)
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
        errors_flash(request, error)
        return redirect("reports:staff")
    return redirect(new_job.get_absolute_url())


@network_staff_required
@require_safe
def version_pdf(request, pk):
    version = get_object_or_404(ReportVersion, pk=pk)
    return pdf_response(version)


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
            errors_flash(request, error)
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
    report = report_current()
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
        errors_flash(request, error)
    else:
        messages.success(
            request, _("The report is now: %(status)s.") % {"status": Report.Status(status).label}
        )
    return redirect("reports:staff")


@network_staff_required
@require_safe
def staff_comments(request):
    report = report_current()
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
