"""Reads for the summary report pages."""

from django.db.models import Count, Prefetch, Q, QuerySet

from registration.models import MemberState

from .models import CompileJob, Report, ReportComment, ReportVersion, Section


def report_for(*, meeting) -> Report | None:
    return (
        Report.objects.filter(meeting=meeting)
        .select_related("circulated_version", "final_version")
        .first()
    )


def outline(*, report: Report) -> QuerySet[Section]:
    return report.sections.annotate(
        quote_count=Count("quotes", distinct=True),
        open_comments=Count("comments", filter=Q(comments__addressed=False), distinct=True),
    ).order_by("order", "pk")


def versions(*, report: Report) -> QuerySet[ReportVersion]:
    return report.versions.select_related("created_by").defer("html", "data").order_by("-number")


def job_active(*, report: Report) -> CompileJob | None:
    return report.jobs.filter(status__in=CompileJob.ACTIVE).first()


def job_last(*, report: Report) -> CompileJob | None:
    return report.jobs.select_related("version").order_by("-created_at").first()


def comments_by_section(*, report: Report, member_state: MemberState | None = None):
    """Sections with their comments (all of them, or only one state's), in outline order."""
    comments = ReportComment.objects.select_related("member_state", "author", "addressed_by")
    if member_state is not None:
        comments = comments.filter(member_state=member_state)
    return report.sections.prefetch_related(
        Prefetch("comments", queryset=comments.order_by("created_at"), to_attr="comment_list")
    ).order_by("order", "pk")
