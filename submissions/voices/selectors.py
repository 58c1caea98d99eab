"""Reads for stakeholder voices, with their queries done: consultations, the Rapporteur's
summary, GCM Talks and session records (every input in one place is in ``inputs.py``, the
Discussion Space in ``discussion/selectors.py``).

The summary report builds on ``session_records_by_session``; ``summary_published`` and
``consultations_with_messages`` give the Rapporteur's summary and the consultations' key
messages.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from gcm_review.personal_data import exporter
from sessions_app.models import Meeting, Session

from .models import (
    Consultation,
    ConsultationRegistration,
    GCMTalk,
    KeyMessage,
    RapporteurSummary,
    SessionPoint,
)

# Consultations, the Rapporteur's summary, GCM Talks -----------------------------------------


def consultations_public(*, meeting: Meeting, viewer=None) -> list[Consultation]:
    """The meeting's consultations in order, each with ``viewer_registered``."""
    consultations = Consultation.objects.filter(meeting=meeting).order_by("number")
    if viewer is not None and viewer.is_authenticated:
        consultations = consultations.annotate(
            viewer_registered=Exists(
                ConsultationRegistration.objects.filter(consultation=OuterRef("pk"), user=viewer)
            )
        )
    return list(consultations)


def _key_messages() -> QuerySet[KeyMessage]:
    return (
        KeyMessage.objects.select_related("session", "recorded_by")
        .prefetch_related("objectives")
        .order_by("kind", "created_at", "pk")
    )


def consultations_with_messages(*, meeting: Meeting) -> list[Consultation]:
    """The consultations with ``message_list`` (key messages, then priority areas) and
    ``registration_count``."""
    return list(
        Consultation.objects.filter(meeting=meeting)
        .annotate(registration_count=Count("registrations"))
        .prefetch_related(Prefetch("key_messages", _key_messages(), to_attr="message_list"))
        .order_by("number")
    )


def consultation_full(*, meeting: Meeting, pk: int) -> Consultation:
    """One consultation with ``message_list`` and its registrations (with the people)."""
    try:
        return (
            Consultation.objects.filter(meeting=meeting)
            .select_related("meeting")
            .prefetch_related(
                Prefetch("key_messages", _key_messages(), to_attr="message_list"),
                Prefetch(
                    "registrations",
                    ConsultationRegistration.objects.select_related(
                        "user__stakeholder_category", "user__country"
                    ).order_by("created_at"),
                    to_attr="registration_list",
                ),
            )
            .get(pk=pk)
        )
    except Consultation.DoesNotExist:
        raise Http404("No such consultation.") from None


def summary_of(*, meeting: Meeting) -> RapporteurSummary | None:
    return RapporteurSummary.objects.filter(meeting=meeting).select_related("updated_by").first()


def summary_published(*, meeting: Meeting) -> RapporteurSummary | None:
    """The Rapporteur's summary once staff published it, else None."""
    return RapporteurSummary.objects.filter(
        meeting=meeting, status=RapporteurSummary.Status.PUBLISHED
    ).first()


def gcm_talks(*, meeting: Meeting) -> QuerySet[GCMTalk]:
    return GCMTalk.objects.filter(meeting=meeting).prefetch_related("objectives")


# Session records ----------------------------------------------------------------------------


def record_sessions(*, meeting: Meeting) -> list[Session]:
    """Every session of the meeting in order, with ``point_count``."""
    return list(
        meeting.sessions.annotate(point_count=Count("recorded_points")).order_by(
            "starts_at", "number"
        )
    )


def session_for_records(*, meeting: Meeting, slug: str) -> Session:
    try:
        return (
            meeting.sessions.select_related("meeting").prefetch_related("objectives").get(slug=slug)
        )
    except Session.DoesNotExist:
        raise Http404("No such session.") from None


def session_points_recorded() -> QuerySet[SessionPoint]:
    return (
        SessionPoint.objects.select_related(
            "session", "raised_by_state", "raised_by_category", "recorded_by"
        )
        .prefetch_related("objectives")
        .order_by("created_at", "pk")
    )


def session_points(*, session: Session) -> list[SessionPoint]:
    return list(session_points_recorded().filter(session=session))


@dataclass(frozen=True)
class SessionRecords:
    session: Session
    # kind (SessionPoint.Kind value) -> the points of that kind, oldest first
    points: dict[str, list[SessionPoint]]

    @property
    def count(self) -> int:
        return sum(len(points) for points in self.points.values())


def session_records_by_session(*, meeting: Meeting) -> list[SessionRecords]:
    """For each session of the meeting in programme order: its recorded points grouped by kind
    (every kind present, possibly empty). Three queries."""
    sessions = list(programme_order(meeting))
    by_session: dict[int, dict[str, list[SessionPoint]]] = {
        s.pk: {kind: [] for kind in SessionPoint.Kind.values} for s in sessions
    }
    for point in session_points_recorded().filter(session__meeting=meeting):
        by_session[point.session_id][point.kind].append(point)
    return [SessionRecords(session=s, points=by_session[s.pk]) for s in sessions]


def programme_order(meeting: Meeting) -> QuerySet[Session]:
    return meeting.sessions.prefetch_related("objectives").order_by("starts_at", "number")


# Personal data ------------------------------------------------------------------------------


@exporter("consultation_registrations")
def _consultation_registrations_export(user) -> list[dict]:
    return [
        {
            "consultation": registration.consultation.title,
            "starts_at": registration.consultation.starts_at.isoformat(),
            "registered_at": registration.created_at.isoformat(),
        }
        for registration in ConsultationRegistration.objects.filter(user=user)
        .select_related("consultation")
        .order_by("created_at")
    ]
