"""Reads for the feedback survey: its window, who may answer what, and the results.

The results are plain data (labels as text, counts, averages), the same for the staff page,
the CSV export and the summary report's compiled part.
"""

import datetime
from collections import Counter

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from gcm_review.i18n import localized
from gcm_review.personal_data import exporter
from registration.models import Registration
from sessions_app.models import KeyDate, Meeting, Session
from sessions_app.selectors import key_date_at, window_is_open

from .models import (
    FeedbackInvitation,
    FeedbackRespondent,
    FeedbackResponse,
    FeedbackSessionRating,
    Rating,
)

OPENS, CLOSES = KeyDate.Kind.FEEDBACK_OPENS, KeyDate.Kind.FEEDBACK_CLOSES
QUESTIONS = (
    ("overall", _("The meeting overall")),
    ("accessibility", _("Accessibility of the venue, the documents and the portal")),
    ("interpretation", _("Interpretation")),
    ("online_experience", _("Online participation")),
)


def feedback_window(*, meeting: Meeting) -> tuple[datetime.datetime, datetime.datetime]:
    """When the survey opens and closes (key dates staff may move)."""
    return key_date_at(meeting=meeting, kind=OPENS), key_date_at(meeting=meeting, kind=CLOSES)


def feedback_is_open(*, meeting: Meeting, now: datetime.datetime | None = None) -> bool:
    return window_is_open(meeting=meeting, opens=OPENS, closes=CLOSES, now=now)


def feedback_registration(*, meeting: Meeting, user) -> Registration | None:
    """The person's approved registration: only approved participants answer."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(
        meeting=meeting, user=user, status=Registration.Status.APPROVED
    ).first()


def feedback_sessions(*, meeting: Meeting, parts: str) -> list[Session]:
    """The sessions of the parts of the meeting the person registered for, in order."""
    sessions = meeting.sessions.order_by("starts_at", "number")
    if parts == Registration.Parts.HEARING:
        sessions = sessions.filter(kind=Session.Kind.HEARING)
    elif parts == Registration.Parts.CONFERENCE:
        sessions = sessions.exclude(kind=Session.Kind.HEARING)
    return list(sessions)


def feedback_has_answered(*, meeting: Meeting, user) -> bool:
    return FeedbackRespondent.objects.filter(meeting=meeting, user=user).exists()


def feedback_invitees(*, meeting: Meeting) -> QuerySet[Registration]:
    """Approved participants with an active account who have not been sent the survey."""
    invited = FeedbackInvitation.objects.filter(meeting=meeting).values("user")
    return (
        Registration.objects.filter(
            meeting=meeting, status=Registration.Status.APPROVED, user__is_active=True
        )
        .exclude(user__in=invited)
        .select_related("user")
        .order_by("pk")
    )


def _distribution(label: str, values: list[int | None]) -> dict:
    given = [value for value in values if value is not None]
    counts = Counter(given)
    return {
        "label": str(label),
        "answered": len(given),
        "average": round(sum(given) / len(given), 2) if given else None,
        "rows": [
            {"value": rating.value, "label": str(rating.label), "count": counts[rating.value]}
            for rating in Rating
        ],
    }


def feedback_results(*, meeting: Meeting) -> dict:
    """Invited, answered, each question's distribution and average, each session's, and the
    comments in alphabetical order (never in the order they came)."""
    keys = [key for key, _label in QUESTIONS]
    responses = list(FeedbackResponse.objects.filter(meeting=meeting).values(*keys, "comment"))
    by_session: dict[int, list[int]] = {}
    for row in (
        FeedbackSessionRating.objects.filter(response__meeting=meeting)
        .values("session", "rating")
        .annotate(n=Count("id"))
    ):
        by_session.setdefault(row["session"], []).extend([row["rating"]] * row["n"])
    return {
        "invited": FeedbackInvitation.objects.filter(meeting=meeting).count(),
        "answered": len(responses),
        "questions": [
            {"key": key, **_distribution(label, [r[key] for r in responses])}
            for key, label in QUESTIONS
        ],
        "sessions": [
            _distribution(localized(session, "title"), by_session.get(session.pk, []))
            for session in meeting.sessions.order_by("starts_at", "number")
        ],
        "comments": sorted(r["comment"] for r in responses if r["comment"]),
    }


def feedback_export_rows(*, meeting: Meeting) -> list[list]:
    """A header and one row per response (ratings 1-5, empty when not given), random order."""
    sessions = list(meeting.sessions.order_by("starts_at", "number"))
    header = [str(label) for _key, label in QUESTIONS]
    header += [str(_("Attended online"))] + [localized(s, "title") for s in sessions]
    header.append(str(_("Comment")))
    rows = [header]
    responses = FeedbackResponse.objects.filter(meeting=meeting).prefetch_related("session_ratings")
    for response in responses:
        ratings = {r.session_id: r.rating for r in response.session_ratings.all()}
        rows.append(
            [getattr(response, key) for key, _label in QUESTIONS]
            + [str(_("yes")) if response.attended_online else str(_("no"))]
            + [ratings.get(session.pk) for session in sessions]
            + [response.comment]
        )
    return rows


@exporter("feedback_survey")
def _feedback_export(user) -> list[dict]:
    """When the survey was mailed and whether it was answered; the answers are anonymous, so
    they are not the person's to download."""
    answered = set(FeedbackRespondent.objects.filter(user=user).values_list("meeting", flat=True))
    return [
        {
            "meeting": invitation.meeting.name,
            "invited_at": invitation.sent_at.isoformat(),
            "answered": invitation.meeting_id in answered,
        }
        for invitation in FeedbackInvitation.objects.filter(user=user)
        .select_related("meeting")
        .order_by("sent_at")
    ]
