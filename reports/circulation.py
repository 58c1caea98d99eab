"""Writes for the summary report after it is compiled: circulation to Member States, their
comments, the timeline to publication, and the staff's reminders of the due date."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_review.audit import Action, audit_record
from gcm_review.outbox import email_render_and_enqueue
from registration.models import FocalPoint, User
from sessions_app.models import KeyDate, Meeting

from .completeness import sections_ensure_written
from .models import Report, ReportComment, ReportVersion, Section

# Circulation, comments, publication -------------------------------------------------------


@transaction.atomic
def version_circulate(
    *, version: ReportVersion, by: User, comments_close_at: datetime.datetime
) -> Report:
    """Send a version to Member States for comments until ``comments_close_at``."""
    if comments_close_at <= timezone.now():
        raise ValidationError(_("The comment deadline must be in the future."))
    report = Report.objects.select_for_update().get(pk=version.report_id)
    report.status = Report.Status.CIRCULATED
    report.circulated_version = version
    report.circulated_at = timezone.now()
    report.comments_close_at = comments_close_at
    report.save()
    audit_record(
        action=Action.PUBLICATION,
        actor=by,
        target=version,
        detail={"status": "circulated", "comments_close_at": comments_close_at.isoformat()},
    )
    for focal_point in FocalPoint.objects.filter(status=FocalPoint.Status.VERIFIED).select_related(
        "user"
    ):
        email_render_and_enqueue(
            to=focal_point.user.email,
            template="report_circulated",
            context={"report": report, "user": focal_point.user},
            language=focal_point.user.preferred_language,
        )
    return report


def comments_open(report: Report, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        report.status == Report.Status.CIRCULATED
        and report.circulated_version_id is not None
        and report.comments_close_at is not None
        and now <= report.comments_close_at
    )


@transaction.atomic
def comment_add(
    *, report: Report, section: Section, by: User, body: str, passage: str = ""
) -> ReportComment:
    """A verified focal point comments on a section of the circulated version, in time."""
    state = by.verified_member_state
    if state is None:
        raise ValidationError(_("Only verified focal points of Member States can comment."))
    if not comments_open(report):
        raise ValidationError(_("Comments on the summary report are closed."))
    if section.report_id != report.pk:
        raise ValidationError(_("This section is not part of the report."))
    if not body.strip():
        raise ValidationError(_("Write your comment."))
    return ReportComment.objects.create(
        version=report.circulated_version,
        section=section,
        member_state=state,
        author=by,
        body=body.strip(),
        passage=passage.strip(),
    )


def comment_address(*, comment: ReportComment, by: User, addressed: bool) -> ReportComment:
    comment.addressed = addressed
    comment.addressed_by = by if addressed else None
    comment.addressed_at = timezone.now() if addressed else None
    comment.save(update_fields=["addressed", "addressed_by", "addressed_at"])
    return comment


@transaction.atomic
def report_status_set(
    *,
    report: Report,
    status: str,
    version: ReportVersion | None = None,
    confirm_empty: bool = False,
) -> Report:
    """Move along the timeline: comments closed, final (with its version), published.
    A version with empty narrative sections becomes final or is published only when
    ``confirm_empty`` says staff saw the list (else ``EmptySections`` names them)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    now = timezone.now()
    if status == Report.Status.COMMENTS_CLOSED:
        report.comments_close_at = min(report.comments_close_at or now, now)
    elif status == Report.Status.FINAL:
        if version is None:
            raise ValidationError(_("Choose the version that is final."))
        sections_ensure_written(version.data, confirmed=confirm_empty)
        report.final_version, report.final_at = version, now
    elif status == Report.Status.PUBLISHED:
        if report.final_version_id is None:
            raise ValidationError(_("Mark a version as final before publishing."))
        sections_ensure_written(report.final_version.data, confirmed=confirm_empty)
        report.published_at = now
    report.status = status
    report.save()
    if status in (Report.Status.FINAL, Report.Status.PUBLISHED):
        audit_record(action=Action.PUBLICATION, target=report, detail={"status": status})
    return report


# Deadline -----------------------------------------------------------------------------------


def report_due(*, meeting: Meeting) -> datetime.datetime:
    from sessions_app.selectors import key_date_at

    return key_date_at(meeting=meeting, kind=KeyDate.Kind.REPORT_DUE)
