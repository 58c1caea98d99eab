"""Reads about accounts and focal points, and the personal-data export of both."""

from django.db.models import QuerySet

from gcm_review.personal_data import exporter
from registration.models import (
    FocalPoint,
    User,
)


def focal_points_for_review() -> QuerySet[FocalPoint]:
    return FocalPoint.objects.select_related("user", "member_state", "decided_by").order_by(
        "status", "-created_at"
    )


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
