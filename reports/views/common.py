"""What the report's pages share."""

from django.http import FileResponse

from sessions_app.selectors import meeting_current

from .. import services
from ..models import ReportVersion


def report_current():
    return services.report_get_or_create(meeting=meeting_current())


def pdf_response(version: ReportVersion):
    return FileResponse(
        version.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"gcm-regional-review-summary-report-v{version.number}.pdf",
    )
