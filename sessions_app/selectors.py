"""Reads for the meeting, its programme and reference data, with their queries done."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import Document, GCMObjective, GuidingQuestion, KeyDate, Meeting, Session


def meeting_current() -> Meeting:
    """The meeting the portal serves; 404 when none has been seeded yet."""
    meeting = Meeting.objects.current()
    if meeting is None:
        raise Http404("No meeting has been set up yet.")
    return meeting


def programme_sessions(*, meeting: Meeting) -> QuerySet[Session]:
    """Every segment of the meeting in order, with its objectives and confirmed speakers."""
    return meeting.sessions.prefetch_related("objectives", _speakers_prefetch()).order_by(
        "starts_at", "number"
    )


def _speakers_prefetch() -> Prefetch:
    """The confirmed speakers of each session, in one query.

    They are the registration app's expressions of interest, reached through the reverse
    relation ``Session.speakers`` that it declares; this app names the relation and the
    speaker's columns but never imports that app. Ordered by role (Co-Chair, keynote speaker,
    moderator, Rapporteur), then name.
    """
    speaker = Session._meta.get_field("speakers").related_model
    return Prefetch(
        "speakers",
        queryset=speaker.objects.select_related("call", "member_state").order_by(
            "call__role", "speaker_name", "pk"
        ),
    )


def objectives_with_sessions(*, meeting: Meeting) -> QuerySet[GCMObjective]:
    """The 23 objectives, each with the meeting's sessions that cover it."""
    return GCMObjective.objects.prefetch_related(
        Prefetch(
            "sessions",
            queryset=Session.objects.filter(meeting=meeting).order_by("starts_at"),
            to_attr="meeting_sessions",
        )
    )


def guiding_questions(*, meeting: Meeting) -> QuerySet[GuidingQuestion]:
    return meeting.guiding_questions.order_by("letter")


def documents_for(*, meeting: Meeting) -> QuerySet[Document]:
    return meeting.documents.select_related("session").order_by("order", "pk")


def documents_by_kind(*, meeting: Meeting) -> list[tuple[str, list[Document]]]:
    """(kind label, documents) in the order the kinds are declared, empty kinds left out."""
    documents = list(documents_for(meeting=meeting))
    return [
        (kind.label, [d for d in documents if d.kind == kind])
        for kind in Document.Kind
        if any(d.kind == kind for d in documents)
    ]


@dataclass(frozen=True)
class Countdown:
    key_date: KeyDate
    days: int  # positive: days left; negative: days since; zero: today

    @property
    def days_abs(self) -> int:
        return abs(self.days)


def days_until(moment: datetime.datetime, *, meeting: Meeting, now=None) -> int:
    """Whole days from today to ``moment`` in the meeting's zone (negative once passed)."""
    today = (now or timezone.now()).astimezone(meeting.tzinfo).date()
    return (moment.astimezone(meeting.tzinfo).date() - today).days


def key_dates_countdown(
    *, meeting: Meeting, now: datetime.datetime | None = None
) -> list[Countdown]:
    """The key dates in order, each with the whole days left (or passed) in the meeting's zone."""
    return [
        Countdown(key_date=kd, days=days_until(kd.at, meeting=meeting, now=now))
        for kd in meeting.key_dates.order_by("at")
    ]


def window_is_open(
    *, meeting: Meeting, opens: str, closes: str, now: datetime.datetime | None = None
) -> bool:
    """Whether ``now`` lies between two key dates of the meeting (the close included)."""
    now = now or timezone.now()
    recorded = dict(meeting.key_dates.filter(kind__in=(opens, closes)).values_list("kind", "at"))
    opens_at = recorded.get(opens) or KeyDate.default_for(meeting, opens)
    closes_at = recorded.get(closes) or KeyDate.default_for(meeting, closes)
    return opens_at <= now <= closes_at


def key_date_at(*, meeting: Meeting, kind: str) -> datetime.datetime:
    """When a key date falls; its default if staff have removed the record."""
    key_date = meeting.key_dates.filter(kind=kind).first()
    return key_date.at if key_date else KeyDate.default_for(meeting, kind)
