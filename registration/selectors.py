"""Reads about registrations and accreditation, with their queries done."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gcm_review.i18n import localized
from gcm_review.models import OutgoingEmail
from gcm_review.personal_data import exporter
from sessions_app.models import Meeting

from .models import (
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


def logistics_note_for(*, meeting: Meeting) -> LogisticsNote | None:
    return LogisticsNote.objects.filter(meeting=meeting).first()


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
