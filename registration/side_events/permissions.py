"""Who may propose a side event: an organisation's person with an approved registration for
the meeting, or a verified focal point of a Member State."""

from registration.models import Registration


def can_propose_side_event(user, meeting) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.verified_member_state is not None:
        return True
    return Registration.objects.filter(
        meeting=meeting, user=user, status=Registration.Status.APPROVED
    ).exists()
