"""Reads about people, registrations and accreditation, with their queries done."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from gcm_review.i18n import localized
from gcm_review.models import OutgoingEmail
from gcm_review.personal_data import exporter
from sessions_app.models import Meeting, Session

from .models import (
    SUBREGIONS,
    Call,
    ExpressionOfInterest,
    FocalPoint,
    LogisticsNote,
    MemberState,
    Registration,
    StakeholderCategory,
    User,
    subregion_label,
)

REVIEW_FILTERS = ("status", "category", "member_state", "parts", "gender", "subregion")


def registration_for(*, user: User, meeting: Meeting) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(user=user, meeting=meeting).first()


def registrations_for_review(*, meeting: Meeting, filters: dict) -> QuerySet[Registration]:
    """The meeting's registrations matching staff's filters, newest first."""
    queryset = meeting.registrations.select_related(
        "user", "stakeholder_category", "delegation", "country"
    )
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("category"):
        queryset = queryset.filter(stakeholder_category__slug=filters["category"])
    if filters.get("member_state"):
        state = filters["member_state"]
        queryset = queryset.filter(Q(delegation__iso_alpha3=state) | Q(country__iso_alpha3=state))
    if filters.get("parts"):
        parts = filters["parts"]
        wanted = [parts] if parts == Registration.Parts.BOTH else [parts, Registration.Parts.BOTH]
        queryset = queryset.filter(parts__in=wanted)
    if filters.get("gender"):
        queryset = queryset.filter(gender=filters["gender"])
    if filters.get("subregion"):
        queryset = queryset.filter(country__subregion=filters["subregion"])
    return queryset.order_by("-created_at", "-pk")


def balance_counts(*, registrations: QuerySet[Registration]) -> dict[str, list[dict]]:
    """Rows of {label, total, approved} by stakeholder category, gender and subregion."""
    counted = {"total": Count("pk"), "approved": Count("pk", filter=Q(status="approved"))}
    registrations = registrations.order_by()
    categories = {c.pk: c for c in StakeholderCategory.objects.all()}
    by_category = registrations.values("stakeholder_category").annotate(**counted)
    by_gender = registrations.values("gender").annotate(**counted)
    by_subregion = registrations.values("country__subregion").annotate(**counted)
    genders = dict(User.Gender.choices)
    return {
        "category": sorted(
            (
                {
                    "label": localized(categories[row["stakeholder_category"]], "label")
                    if row["stakeholder_category"]
                    else _("Member-state delegations and others"),
                    "order": getattr(categories.get(row["stakeholder_category"]), "order", 999),
                    "total": row["total"],
                    "approved": row["approved"],
                }
                for row in by_category
            ),
            key=lambda row: row["order"],
        ),
        "gender": [
            {
                "label": genders.get(row["gender"], _("Not given")),
                "total": row["total"],
                "approved": row["approved"],
            }
            for row in sorted(by_gender, key=lambda row: row["gender"])
        ],
        "subregion": [
            {
                "label": subregion_label(row["country__subregion"]),
                "total": row["total"],
                "approved": row["approved"],
            }
            for row in sorted(by_subregion, key=lambda row: row["country__subregion"] or "~")
        ],
    }


def subregions() -> list[tuple[str, str]]:
    """(value, label in the page language) of the member states' subregions."""
    names = MemberState.objects.order_by("subregion").values_list("subregion", flat=True)
    return [(name, subregion_label(name)) for name in names.distinct()]


def participants_public(*, meeting: Meeting) -> QuerySet[Registration]:
    """Approved participants who agreed to be listed, by name."""
    return (
        meeting.registrations.filter(
            status=Registration.Status.APPROVED, consent_public_list=True, user__isnull=False
        )
        .select_related("user", "stakeholder_category", "delegation")
        .order_by("user__full_name", "pk")
    )


def focal_points_for_review() -> QuerySet[FocalPoint]:
    return FocalPoint.objects.select_related("user", "member_state", "decided_by").order_by(
        "status", "-created_at"
    )


def logistics_note_for(*, meeting: Meeting) -> LogisticsNote | None:
    return LogisticsNote.objects.filter(meeting=meeting).first()


@exporter("account")
def _account_export(user: User) -> dict:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "title": user.title,
        "organisation": user.organisation,
        "stakeholder_category": str(user.stakeholder_category or ""),
        "delegation": str(user.delegation or ""),
        "country": str(user.country or ""),
        "gender": user.gender,
        "accessibility_needs": user.accessibility_needs,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
    }


@exporter("focal_point")
def _focal_point_export(user: User) -> dict | None:
    focal_point = FocalPoint.objects.filter(user=user).select_related("member_state").first()
    if focal_point is None:
        return None
    return {
        "member_state": focal_point.member_state.name,
        "status": focal_point.status,
        "nomination_letter": focal_point.nomination_letter.name or None,
        "created_at": focal_point.created_at.isoformat(),
    }


@exporter("registrations")
def _registrations_export(user: User) -> list[dict]:
    return [
        {
            "meeting": str(r.meeting),
            "parts": r.parts,
            "attendance": r.attendance,
            "consent_privacy": r.consent_privacy,
            "consent_public_list": r.consent_public_list,
            "status": r.status,
            "decision_message": r.decision_message,
            "created_at": r.created_at.isoformat(),
        }
        for r in Registration.objects.filter(user=user).select_related("meeting")
    ]


@exporter("emails")
def _emails_export(user: User) -> list[dict]:
    return [
        {"subject": e.subject, "created_at": e.created_at.isoformat(), "sent": bool(e.sent_at)}
        for e in OutgoingEmail.objects.filter(to__iexact=user.email).order_by("created_at")
    ]


# Calls for expressions of interest and the selection of speakers --------------------------


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


@dataclass
class Slot:
    """The seats of one role (in one thematic session for keynote speakers and moderators)
    with its candidates."""

    call: Call
    session: Session | None
    candidates: list[ExpressionOfInterest]

    @property
    def anchor(self) -> str:
        return slot_anchor(self.call, self.session)

    @property
    def seats(self) -> int:
        return self.call.seats

    @property
    def taken(self) -> list[ExpressionOfInterest]:
        return [e for e in self.candidates if e.takes_a_seat]

    @property
    def over(self) -> bool:
        return len(self.taken) > self.seats

    @property
    def full(self) -> bool:
        return len(self.taken) >= self.seats

    @property
    def to_tell_selected(self) -> int:
        return sum(
            1
            for e in self.candidates
            if not e.outcome_sent and e.status == ExpressionOfInterest.Status.SELECTED
        )

    @property
    def to_tell_not_selected(self) -> int:
        return sum(
            1
            for e in self.candidates
            if not e.outcome_sent and e.status == ExpressionOfInterest.Status.SUBMITTED
        )


def slot_anchor(call: Call, session: Session | None) -> str:
    return f"slot-{call.url_slug}-{session.number}" if session else f"slot-{call.url_slug}"


@dataclass
class BalanceRow:
    label: str
    count: int


@dataclass
class SharedGender:
    """All ``count`` selected speakers of ``scope`` (a role, or the whole selection when
    empty) share ``gender``."""

    scope: str
    gender: str
    count: int


@dataclass
class Balance:
    total: int
    gender: list[BalanceRow]
    subregions: list[BalanceRow]
    subregions_covered: int
    categories: list[BalanceRow]
    member_state_speakers: int
    shared_gender: list[SharedGender] = field(default_factory=list)

    @property
    def subregions_total(self) -> int:
        return len(SUBREGIONS)


DISCLOSED_GENDERS = (User.Gender.WOMAN, User.Gender.MAN, User.Gender.ANOTHER)


def _shared_gender(scope: str, speakers: list[ExpressionOfInterest]) -> SharedGender | None:
    genders = {e.gender for e in speakers}
    if len(speakers) < 2 or len(genders) != 1:
        return None
    (gender,) = genders
    if gender not in DISCLOSED_GENDERS:
        return None
    return SharedGender(scope=scope, gender=User.Gender(gender).label, count=len(speakers))


def selection_balance(*, selected: list[ExpressionOfInterest]) -> Balance:
    """The balance of a selection (expressions holding a seat; a decline does not count):
    speakers by gender, by subregion (every UNECE subregion listed, covered or not), the
    stakeholder categories covered, and where all speakers, or all of one role, share a
    gender. Reads only the expressions' own columns and their country and category."""
    genders = [*User.Gender.choices, ("", _("Not given"))]
    by_gender = [
        BalanceRow(label=label, count=sum(1 for e in selected if e.gender == value))
        for value, label in genders
    ]
    subregion_rows = [
        BalanceRow(
            label=subregion_label(name), count=sum(1 for e in selected if e.subregion == name)
        )
        for name in SUBREGIONS
    ]
    outside = sum(1 for e in selected if e.subregion not in SUBREGIONS)
    if outside:
        subregion_rows.append(BalanceRow(label=subregion_label(""), count=outside))
    categories: dict[int, tuple[StakeholderCategory, int]] = {}
    for expression in selected:
        category = expression.stakeholder_category
        if category is not None:
            count = categories.get(category.pk, (category, 0))[1]
            categories[category.pk] = (category, count + 1)
    category_rows = [
        BalanceRow(label=localized(category, "label"), count=count)
        for category, count in sorted(categories.values(), key=lambda pair: pair[0].order)
    ]
    shared = []
    whole = _shared_gender("", selected)
    if whole:
        shared.append(whole)
    for role in Call.Role:
        of_role = [e for e in selected if e.call.role == role]
        found = _shared_gender(Call.SHORT_LABELS[role], of_role)
        if found and len(of_role) < len(selected):
            shared.append(found)
    return Balance(
        total=len(selected),
        gender=by_gender,
        subregions=subregion_rows,
        subregions_covered=sum(1 for row in subregion_rows[: len(SUBREGIONS)] if row.count),
        categories=category_rows,
        member_state_speakers=sum(1 for e in selected if e.member_state_id),
        shared_gender=shared,
    )


@dataclass
class Board:
    calls: list[Call]
    slots: list[Slot]
    balance: Balance

    @property
    def over(self) -> list[Slot]:
        return [slot for slot in self.slots if slot.over]


def selection_board(*, meeting: Meeting) -> Board:
    """Every seat group of the meeting's calls (Co-Chairs; keynote speaker and moderator of
    each thematic session; Rapporteur) with its active candidates, and the balance of the
    current selection. A fixed number of queries: calls, thematic sessions, their objectives,
    and the candidates with their state, country, category and account."""
    calls = list(meeting.calls.order_by("role"))
    sessions = list(thematic_sessions(meeting=meeting))
    by_pk = {call.pk: call for call in calls}
    candidates = list(
        ExpressionOfInterest.objects.filter(call__in=calls)
        .exclude(status=ExpressionOfInterest.Status.WITHDRAWN)
        .select_related("member_state", "country", "stakeholder_category", "user")
        .order_by("created_at", "pk")
    )
    for candidate in candidates:
        candidate.call = by_pk[candidate.call_id]
    slots = []
    for call in calls:
        of_call = [e for e in candidates if e.call_id == call.pk]
        if call.per_session:
            slots.extend(
                Slot(call=call, session=s, candidates=[e for e in of_call if e.session_id == s.pk])
                for s in sessions
            )
        else:
            slots.append(Slot(call=call, session=None, candidates=of_call))
    selected = [e for slot in slots for e in slot.candidates if e.takes_a_seat]
    return Board(calls=calls, slots=slots, balance=selection_balance(selected=selected))


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
