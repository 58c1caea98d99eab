"""The selection board: every seat group of a meeting's calls with its candidates, and the
balance of the current selection."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from gcm_review.i18n import localized
from registration.models import (
    SUBREGIONS,
    Call,
    ExpressionOfInterest,
    StakeholderCategory,
    User,
    subregion_label,
)
from sessions_app.models import Meeting, Session

from .selectors import thematic_sessions


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
