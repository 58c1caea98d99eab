"""Comments on the circulated summary report in a focal point's timeline (registered at ready)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from gcm_review.timeline import TimelineEntry, timeline_provider
from registration.models import User
from sessions_app.models import Meeting

from .models import Report, ReportComment


@timeline_provider("reports")
def report_timeline(*, user: User, meeting: Meeting, now: datetime.datetime):
    state = user.verified_member_state
    if state is None:
        return []
    report = Report.objects.filter(
        meeting=meeting, status=Report.Status.CIRCULATED, comments_close_at__isnull=False
    ).first()
    if report is None:
        return []
    commented = ReportComment.objects.filter(version__report=report, member_state=state).exists()
    todo = "" if commented else _("Read the draft summary report and send your State's comments.")
    title = _("Comments on the summary report close")
    path = reverse("reports:my_report")
    return [
        TimelineEntry(f"report-comments-{report.pk}", title, report.comments_close_at, todo, path)
    ]
