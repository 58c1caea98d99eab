"""Reads for side events, with their queries done."""

import datetime

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.utils import timezone

from gcm_review.personal_data import exporter
from sessions_app.models import Meeting

from .models import SideEvent, SideEventCall, SideEventSignUp


def side_event_call(*, meeting: Meeting) -> SideEventCall:
    """The meeting's call for side events; unsaved, with its default dates, if staff have not
    set one."""
    call = SideEventCall.objects.filter(meeting=meeting).first()
    if call is None:
        call = SideEventCall(meeting=meeting)
        call.defaults_fill()
    return call


def side_event_days(*, meeting: Meeting) -> list[datetime.date]:
    """The days a side event may fall on: the meeting's (a one-day meeting)."""
    return [meeting.date]


def _with_counts(events: QuerySet[SideEvent]) -> QuerySet[SideEvent]:
    return events.select_related("meeting").annotate(seats_taken=Count("sign_ups"))


def side_events_approved(*, meeting: Meeting) -> QuerySet[SideEvent]:
    """The approved side events in time order, each with ``seats_taken``."""
    return _with_counts(meeting.side_events.filter(status=SideEvent.Status.APPROVED)).order_by(
        "starts_at", "pk"
    )


def side_events_by_day(*, meeting: Meeting) -> list[tuple[datetime.date, list[SideEvent]]]:
    """(day in the meeting's zone, the approved side events of that day), days in order."""
    days: dict[datetime.date, list[SideEvent]] = {}
    for event in side_events_approved(meeting=meeting):
        days.setdefault(event.starts_at.astimezone(meeting.tzinfo).date(), []).append(event)
    return list(days.items())


def side_events_today(*, meeting: Meeting, now: datetime.datetime | None = None) -> list[SideEvent]:
    """Today's approved side events while today is a day of the meeting, else none (and no
    query)."""
    today = (now or timezone.now()).astimezone(meeting.tzinfo).date()
    if today not in side_event_days(meeting=meeting):
        return []
    return [
        event
        for event in side_events_approved(meeting=meeting)
        if event.starts_at.astimezone(meeting.tzinfo).date() == today
    ]


def side_events_signed_up(*, user, events) -> set[int]:
    """The pks of ``events`` that ``user`` has a seat at."""
    if not user.is_authenticated:
        return set()
    return set(
        SideEventSignUp.objects.filter(
            user=user, side_event__in=[e.pk for e in events]
        ).values_list("side_event_id", flat=True)
    )


def side_events_of_proposer(*, meeting: Meeting, user) -> QuerySet[SideEvent]:
    """What ``user`` has proposed, newest first, each with ``seats_taken``."""
    return _with_counts(meeting.side_events.filter(proposer=user)).order_by("-created_at", "-pk")


def side_events_for_staff(*, meeting: Meeting) -> QuerySet[SideEvent]:
    """Every proposal: those waiting first (oldest first), then the decided in time order."""
    waiting_first = Case(
        When(status=SideEvent.Status.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        _with_counts(meeting.side_events.all())
        .select_related("proposer", "decided_by")
        .annotate(waiting_first=waiting_first)
        .order_by("waiting_first", "created_at", "pk")
    )


@exporter("side_events")
def _side_events_export(user) -> dict:
    """The side events the person proposed (with the Network's decision) and their seats."""
    proposed = SideEvent.objects.filter(proposer=user).order_by("created_at", "pk")
    seats = SideEventSignUp.objects.filter(user=user).select_related("side_event")
    return {
        "proposed": [
            {
                "title": e.title,
                "organisers": e.organisers,
                "starts_at": e.starts_at.isoformat(),
                "ends_at": e.ends_at.isoformat(),
                "room": e.room,
                "online_url": e.online_url,
                "description": e.description,
                "registration_url": e.registration_url,
                "seats": e.seats,
                "status": e.status,
                "decision_reason": e.decision_reason,
                "created_at": e.created_at.isoformat(),
            }
            for e in proposed
        ],
        "seats": [
            {"side_event": s.side_event.title, "signed_up_at": s.created_at.isoformat()}
            for s in seats.order_by("created_at", "pk")
        ],
    }
