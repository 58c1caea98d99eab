"""Reads about the calls for expressions of interest and a person's expressions in them."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from gcm_review.personal_data import exporter
from registration.models import (
    Call,
    ExpressionOfInterest,
    StakeholderCategory,
    User,
)
from sessions_app.models import Meeting, Session


def call_by_slug(*, meeting: Meeting, slug: str) -> Call:
    """The meeting's call for a role named as in its address (``co-chair``); 404 otherwise."""
    call = meeting.calls.filter(role=slug.replace("-", "_")).select_related("meeting").first()
    if call is None:
        raise Http404("No such call.")
    return call


def expressions_of(*, user: User, meeting: Meeting) -> QuerySet[ExpressionOfInterest]:
    """What a person sees as theirs: their own expressions of interest and, for a verified
    focal point, those of their state (whichever of its focal points made them)."""
    mine = Q(user=user)
    state = user.verified_member_state
    if state is not None:
        mine |= Q(member_state=state)
    return (
        ExpressionOfInterest.objects.filter(mine, call__meeting=meeting)
        .select_related("call", "session", "member_state")
        .order_by("call__role", "created_at", "pk")
    )


def expression_get(*, pk: int) -> ExpressionOfInterest:
    """One expression of interest with its call, session and state; 404 when there is none.
    Who may see or change it is for the caller to check (``permissions``)."""
    try:
        return ExpressionOfInterest.objects.select_related(
            "call__meeting", "session", "member_state"
        ).get(pk=pk)
    except ExpressionOfInterest.DoesNotExist:
        raise Http404("No such expression of interest.") from None


def thematic_sessions(*, meeting: Meeting) -> QuerySet[Session]:
    """The meeting's thematic sessions in order, with their GCM objectives."""
    return (
        meeting.sessions.filter(kind=Session.Kind.THEMATIC)
        .prefetch_related("objectives")
        .order_by("number", "starts_at")
    )


@dataclass
class CallCard:
    """A call as one person sees it on ``/apply/``."""

    call: Call
    is_open: bool
    has_opened: bool
    may_apply: bool
    # Why the person cannot apply: "focal_point_needed", "stakeholders_only",
    # "category_needed", or "" when nothing stands in the way.
    blocker: str
    expressions: list[ExpressionOfInterest]

    @property
    def active(self) -> ExpressionOfInterest | None:
        return next((e for e in self.expressions if e.is_active), None)

    @property
    def can_start(self) -> bool:
        return self.is_open and self.may_apply and not self.blocker and self.active is None


def apply_blocker(*, user: User, call: Call) -> str:
    """What stands in the way of the person applying to the call (see ``CallCard.blocker``)."""
    state = user.verified_member_state
    if call.for_member_states:
        return "" if state else "focal_point_needed"
    if state is not None:
        return "stakeholders_only"
    category = user.stakeholder_category
    if category is None or category.group != StakeholderCategory.Group.STAKEHOLDER:
        return "category_needed"
    return ""


def calls_for_person(*, meeting: Meeting, user: User) -> list[CallCard]:
    """Every call of the meeting, with whether it is open, whether the person may apply, and
    the person's (or their state's) expressions in it."""
    mine = list(expressions_of(user=user, meeting=meeting))
    cards = []
    for call in meeting.calls.order_by("role"):
        blocker = apply_blocker(user=user, call=call)
        cards.append(
            CallCard(
                call=call,
                is_open=call.is_open(),
                has_opened=call.has_opened(),
                may_apply=blocker not in ("focal_point_needed", "stakeholders_only"),
                blocker=blocker,
                expressions=[e for e in mine if e.call_id == call.pk],
            )
        )
    return cards


@exporter("expressions_of_interest")
def _expressions_export(user: User) -> list[dict]:
    """The person's own expressions of interest and those they made for their state (staff's
    internal notes are not part of it)."""
    expressions = (
        ExpressionOfInterest.objects.filter(Q(user=user) | Q(submitted_by=user))
        .select_related("call__meeting", "session", "member_state")
        .order_by("created_at", "pk")
    )
    return [
        {
            "meeting": str(e.call.meeting),
            "role": e.call.role,
            "session": e.session.title if e.session else None,
            "member_state": e.member_state.name if e.member_state else None,
            "speaker_name": e.speaker_name,
            "speaker_title": e.speaker_title,
            "organisation": e.organisation,
            "gender": e.gender,
            "summary": e.summary,
            "motivation": e.motivation,
            "experience": e.experience,
            "expertise": e.expertise,
            "cv": e.cv.name or None,
            "status": e.applicant_status_code,
            "created_at": e.created_at.isoformat(),
            "notified_at": e.notified_at.isoformat() if e.notified_at else None,
        }
        for e in expressions
    ]
