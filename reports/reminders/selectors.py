"""What staff see at /staff/reminders/: what went out and what is scheduled next."""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from gcm_review.personal_data import exporter
from sessions_app.models import Meeting

from .models import ReminderOptOut, ReminderRule, ReminderSent
from .services import recipients
from .windows import WINDOWS


@dataclass(frozen=True)
class Scheduled:
    rule: ReminderRule
    title: str
    closes_at: datetime.datetime
    on: datetime.date
    audience_size: int


def rules_with_counts() -> list[ReminderRule]:
    return list(ReminderRule.objects.annotate(sent_count=Count("sent")))


def reminders_scheduled(
    *, meeting: Meeting, now: datetime.datetime | None = None
) -> list[Scheduled]:
    """Each active rule's next sending, from today on, with how many it would reach now."""
    now = now or timezone.now()
    today = now.astimezone(meeting.tzinfo).date()
    scheduled = []
    for rule in ReminderRule.objects.filter(active=True):
        for occurrence in WINDOWS[rule.window].occurrences(meeting):
            closes_on = occurrence.closes_at.astimezone(meeting.tzinfo).date()
            on = closes_on - datetime.timedelta(days=rule.days_before)
            if on < today or occurrence.closes_at <= now:
                continue
            size = recipients(rule=rule, meeting=meeting, occurrence=occurrence).count()
            scheduled.append(Scheduled(rule, occurrence.title, occurrence.closes_at, on, size))
    return sorted(scheduled, key=lambda s: (s.on, s.rule.pk))


@exporter("reminders")
def _reminders_export(user) -> dict:
    sent = ReminderSent.objects.filter(user=user).select_related("rule").order_by("sent_at")
    return {
        "sent": [
            {
                "deadline": r.rule.window,
                "days_before": r.rule.days_before,
                "at": r.sent_at.isoformat(),
            }
            for r in sent
        ],
        "stopped": list(ReminderOptOut.objects.filter(user=user).values_list("window", flat=True)),
    }
