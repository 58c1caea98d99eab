"""Registration's part of a person's timeline, and the person behind a feed's secret."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gcm_review.personal_data import exporter
from gcm_review.timeline import TimelineEntry, timeline_entries, timeline_provider
from registration.models import ExpressionOfInterest, Registration, User
from registration.selectors import registration_for
from registration.speakers.selectors import expressions_of
from sessions_app.models import KeyDate, Meeting
from sessions_app.selectors import days_until, key_date_at

from .models import CalendarFeedToken
from .services import token_hash


def feed_owner(*, token: str) -> User | None:
    feed = (
        CalendarFeedToken.objects.filter(token_hash=token_hash(token), user__is_active=True)
        .select_related("user")
        .first()
    )
    return feed.user if feed else None


def feed_of(*, user: User) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(user=user).first()


@timeline_provider("registration")
def registration_timeline(*, user: User, meeting: Meeting, now: datetime.datetime):
    registration = registration_for(user=user, meeting=meeting)
    closes = key_date_at(meeting=meeting, kind=KeyDate.Kind.REGISTRATION_CLOSES)
    opens = key_date_at(meeting=meeting, kind=KeyDate.Kind.REGISTRATION_OPENS)
    entries = []
    if registration is None or registration.status == Registration.Status.WITHDRAWN:
        if opens <= now <= closes:
            todo = _("Register for the meeting.")
            entries.append(
                _entry("registration", _("Registration closes"), closes, todo, "register")
            )
    elif registration.status == Registration.Status.PENDING:
        todo = _("Network staff review your registration; you can change it until then.")
        entries.append(_entry("registration", _("Registration closes"), closes, todo, "my"))
    if registration is not None and registration.status == Registration.Status.APPROVED:
        meeting_at = key_date_at(meeting=meeting, kind=KeyDate.Kind.MEETING)
        entries.append(_entry("meeting", _("Regional Review Meeting"), meeting_at, "", "my"))
    return entries + _expression_entries(user=user, meeting=meeting, now=now)


def _expression_entries(*, user, meeting, now) -> list[TimelineEntry]:
    entries = []
    for expression in expressions_of(user=user, meeting=meeting):
        call = expression.call
        key = f"expression-{expression.pk}"
        if expression.awaits_answer:
            title = _("Confirm or decline: %(role)s") % {"role": call.short_label}
            todo = _("You have been selected: confirm that you will take part, or decline.")
            entries.append(_entry(key, title, call.closes_at, todo, "my"))
        elif expression.status == ExpressionOfInterest.Status.SUBMITTED and call.is_open(now):
            title = _("Call for speakers closes: %(role)s") % {"role": call.short_label}
            todo = _("You can change or withdraw your expression of interest until then.")
            entries.append(_entry(key, title, call.closes_at, todo, "apply"))
    return entries


def _entry(key, title, at, todo, url_name) -> TimelineEntry:
    return TimelineEntry(key, title, at, todo, reverse(f"registration:{url_name}"))


@exporter("calendar_feed")
def _calendar_feed_export(user: User) -> dict | None:
    feed = feed_of(user=user)
    return {"created_at": feed.created_at.isoformat()} if feed else None


@dataclass(frozen=True)
class TimelineRow:
    entry: TimelineEntry
    days: int  # whole days left in the meeting's zone; negative once passed

    @property
    def days_abs(self) -> int:
        return abs(self.days)


def timeline_for(
    *, user: User, meeting: Meeting, now: datetime.datetime | None = None, past: bool = False
) -> list[TimelineRow]:
    """The person's deadlines and to-dos from every app, in order, with days left; those
    already passed only with ``past`` (the calendar feed keeps them, /my/ does not)."""
    now = now or timezone.now()
    return [
        TimelineRow(entry, days_until(entry.at, meeting=meeting, now=now))
        for entry in timeline_entries(user=user, meeting=meeting, now=now)
        if past or entry.at >= now
    ]
