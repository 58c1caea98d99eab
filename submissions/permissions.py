"""Who may read and change written inputs."""

from registration.permissions import is_network_staff

from .models import Submission


def is_focal_point_of(user, submission: Submission) -> bool:
    state = getattr(user, "verified_member_state", None) if user.is_authenticated else None
    return state is not None and state.pk == submission.member_state_id


def can_read_submission(user, submission: Submission) -> bool:
    """Published inputs are public; the others belong to their state and to staff."""
    return submission.is_public or is_network_staff(user) or is_focal_point_of(user, submission)
