"""Written inputs and the Discussion Space in a person's timeline (registered at ready)."""

import datetime

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from gcm_review.timeline import TimelineEntry, timeline_provider
from registration.models import Registration, User
from sessions_app.models import Meeting

from .models import DiscussionThread, Submission
from .services import submission_deadline

DONE = (Submission.Status.SUBMITTED, Submission.Status.PUBLISHED)


@timeline_provider("submissions")
def submissions_timeline(*, user: User, meeting: Meeting, now: datetime.datetime):
    entries = []
    state = user.verified_member_state
    if state is not None:
        status = (
            Submission.objects.filter(meeting=meeting, member_state=state)
            .values_list("status", flat=True)
            .first()
        )
        todo = "" if status in DONE else _("Submit your State's written input.")
        due = submission_deadline(meeting=meeting, member_state=state)
        path = reverse("submissions:edit")
        entries.append(TimelineEntry("written-input", _("Written inputs due"), due, todo, path))
    takes_part = Registration.objects.filter(
        meeting=meeting, user=user, status=Registration.Status.APPROVED
    ).exists()
    closes = DiscussionThread.objects.filter(meeting=meeting).aggregate(last=Max("closes_at"))
    if takes_part and closes["last"] and closes["last"] > now:
        title = _("The Discussion Space closes")
        path = reverse("voices:discussion")
        entries.append(TimelineEntry("discussion", title, closes["last"], "", path))
    return entries
