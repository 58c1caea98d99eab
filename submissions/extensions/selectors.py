"""Reads for deadline extensions."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from registration.models import MemberState
from sessions_app.models import Meeting

from .models import ExtensionRequest


def extension_request_latest(
    *, meeting: Meeting, member_state: MemberState
) -> ExtensionRequest | None:
    """The State's most recent request, whatever its outcome."""
    return (
        ExtensionRequest.objects.filter(meeting=meeting, member_state=member_state)
        .select_related("decided_by")
        .first()
    )


def extension_requests_for_staff(*, meeting: Meeting) -> QuerySet[ExtensionRequest]:
    """Every request of the meeting: those waiting first (oldest first), then the decided."""
    waiting_first = Case(
        When(status=ExtensionRequest.Status.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        ExtensionRequest.objects.filter(meeting=meeting)
        .select_related("member_state", "requested_by", "decided_by")
        .annotate(waiting_first=waiting_first)
        .order_by("waiting_first", "created_at", "pk")
    )
