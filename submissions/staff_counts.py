"""What waits for Network staff in written inputs and the Discussion Space (the home cards)."""

from django.db.models import Exists, OuterRef

from gcm_review.staff_home import staff_counter

from .models import Submission
from .voices.models import DiscussionFlag, DiscussionPost


@staff_counter("written_inputs")
def written_inputs_waiting(*, meeting) -> dict[str, int]:
    submitted = meeting.submissions.filter(status=Submission.Status.SUBMITTED)
    return {"submitted": submitted.count()}


@staff_counter("moderation")
def posts_waiting(*, meeting) -> dict[str, int]:
    posts = DiscussionPost.objects.filter(thread__meeting=meeting)
    open_flags = DiscussionFlag.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
    return {
        "pending": posts.filter(status=DiscussionPost.Status.PENDING).count(),
        "flagged": posts.filter(Exists(open_flags), status=DiscussionPost.Status.APPROVED).count(),
    }
