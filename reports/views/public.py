"""The published report (``/report/``)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gcm_review.page_cache import public_page
from sessions_app.selectors import meeting_current

from .. import selectors
from ..models import Report, ReportVersion
from .common import pdf_response


def _published_version() -> ReportVersion:
    report = selectors.report_for(meeting=meeting_current())
    if report is None or report.status != Report.Status.PUBLISHED or not report.final_version:
        raise Http404
    return report.final_version


@require_safe
@public_page
def public_report(request):
    meeting = meeting_current()
    report = selectors.report_for(meeting=meeting)
    published = (
        report is not None and report.status == Report.Status.PUBLISHED and report.final_version
    )
    return render(
        request,
        "reports/public.html",
        {
            "meeting": meeting,
            "report": report if published else None,
            "version": report.final_version if published else None,
            "data": report.final_version.data if published else None,
        },
    )


@require_safe
def public_report_pdf(request):
    return pdf_response(_published_version())
