"""What waits for Network staff in the summary report (the home card)."""

from gcm_review.staff_home import staff_counter

from .models import ReportComment


@staff_counter("report")
def comments_waiting(*, meeting) -> dict[str, int]:
    open_comments = ReportComment.objects.filter(section__report__meeting=meeting, addressed=False)
    return {"open_comments": open_comments.count()}
