"""Sending the reminders due today, once per person, rule and occurrence; opting out."""

import datetime

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from gcm_review.outbox import email_render_and_enqueue
from gcm_review.site import site_url
from registration.models import User
from sessions_app.models import Meeting
from sessions_app.selectors import days_until

from .models import ReminderOptOut, ReminderRule, ReminderSent
from .windows import AUDIENCES, DEFAULT_RULES, WINDOWS, Occurrence

UNSUBSCRIBE_SALT = "reports.reminders.unsubscribe"


def reminder_rules_seed() -> dict[str, int]:
    """Create the default rules that do not exist yet; never change what staff edited."""
    created = 0
    for window, audience, days, optional in DEFAULT_RULES:
        _rule, made = ReminderRule.objects.get_or_create(
            window=window, audience=audience, days_before=days, defaults={"optional": optional}
        )
        created += made
    return {"reminder rules": created}


def rules_due(*, meeting: Meeting, now: datetime.datetime) -> list[tuple[ReminderRule, Occurrence]]:
    """The active rules whose occurrence closes exactly ``days_before`` days from today."""
    due = []
    rules = ReminderRule.objects.filter(active=True)
    for window_key, window in WINDOWS.items():
        window_rules = [rule for rule in rules if rule.window == window_key]
        if not window_rules:
            continue
        for occurrence in window.occurrences(meeting):
            if occurrence.closes_at <= now:
                continue
            days = days_until(occurrence.closes_at, meeting=meeting, now=now)
            due += [(rule, occurrence) for rule in window_rules if rule.days_before == days]
    return due


def recipients(*, rule: ReminderRule, meeting: Meeting, occurrence: Occurrence):
    people = AUDIENCES[rule.audience].people(meeting, occurrence)
    if rule.optional:
        opted_out = ReminderOptOut.objects.filter(window=rule.window).values("user")
        people = people.exclude(pk__in=opted_out)
    return people.exclude(
        pk__in=ReminderSent.objects.filter(rule=rule, occurrence=occurrence.key).values("user")
    )


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Write today's reminders to the outbox; returns how many.

    Each person's ``ReminderSent`` row is inserted first, in the same transaction as the mail:
    a concurrent sender waits on the unique index, then gets ``IntegrityError`` and skips, so
    two beat processes running at once send each reminder once.
    """
    now = now or timezone.now()
    sent = 0
    for meeting in Meeting.objects.filter(is_current=True):
        for rule, occurrence in rules_due(meeting=meeting, now=now):
            people = recipients(rule=rule, meeting=meeting, occurrence=occurrence)
            for user in people.order_by("pk"):
                sent += _reminder_send(rule=rule, occurrence=occurrence, user=user, meeting=meeting)
    return sent


def _reminder_send(
    *, rule: ReminderRule, occurrence: Occurrence, user: User, meeting: Meeting
) -> int:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(rule=rule, user=user, occurrence=occurrence.key)
            email_render_and_enqueue(
                to=user.email,
                template=WINDOWS[rule.window].template,
                context=_mail_context(rule=rule, occurrence=occurrence, user=user, meeting=meeting),
                language=user.preferred_language,
            )
    except IntegrityError:
        return 0
    return 1


def _mail_context(*, rule, occurrence, user, meeting) -> dict:
    with translation.override(user.preferred_language):
        return _mail_context_in_language(rule, occurrence, user, meeting)


def _mail_context_in_language(rule, occurrence, user, meeting) -> dict:
    context = {
        "user": user,
        "days": rule.days_before,
        "due": occurrence.closes_at,
        "window": WINDOWS[rule.window].label,
        "title": occurrence.title,
        "todo": AUDIENCES[rule.audience].todo,
        "path": reverse(occurrence.url_name),
        "meeting_timezone": meeting.timezone,
        "report": occurrence.target,
        "unsubscribe_url": "",
    }
    if rule.optional:
        token = unsubscribe_token(user=user, window=rule.window)
        context["unsubscribe_url"] = site_url() + reverse("reminders:unsubscribe", args=[token])
    return context


def unsubscribe_token(*, user: User, window: str) -> str:
    """A signed token naming the person and the window: it signs nobody in."""
    return signing.dumps({"u": user.pk, "w": window}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[User, str] | None:
    """The person and window of a valid token, or None."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("w") not in WINDOWS:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    return (user, data["w"]) if user else None


def reminder_opt_out(*, user: User, window: str) -> ReminderOptOut:
    opt_out, _created = ReminderOptOut.objects.get_or_create(user=user, window=window)
    return opt_out
