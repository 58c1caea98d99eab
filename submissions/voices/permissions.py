"""Who may do what with stakeholder voices: plain functions, tested as a matrix.

- Everyone reads the Discussion Space (published posts), the consultations, the published
  Rapporteur's summary and the GCM Talks.
- Signed-in stakeholders and focal points post and reply; Network staff moderate and do not
  post. Anyone signed in may flag a published post.
- Stakeholders (signed in, neither staff nor a verified focal point) register for the
  consultations.
- Network staff and the Rapporteur record key messages and session records and write the
  Rapporteur's summary; only staff publish it, moderate, and read every input.
"""

from registration.models import Call, ExpressionOfInterest
from registration.permissions import is_network_staff

from .discussion.models import DiscussionPost


def is_rapporteur(user, meeting) -> bool:
    """The stakeholder Network staff selected as the meeting's Rapporteur, who confirmed.

    Read from the expressions-of-interest cycle: an expression of interest of this person in
    the meeting's Rapporteur call that is selected and confirmed (a decline frees the seat).
    Cached on the user object for the request.
    """
    if not user.is_authenticated or not user.is_active or meeting is None:
        return False
    cache = user.__dict__.setdefault("_is_rapporteur", {})
    if meeting.pk not in cache:
        cache[meeting.pk] = ExpressionOfInterest.objects.filter(
            call__meeting=meeting,
            call__role=Call.Role.RAPPORTEUR,
            user=user,
            status=ExpressionOfInterest.Status.SELECTED,
            confirmation=ExpressionOfInterest.Confirmation.CONFIRMED,
        ).exists()
    return cache[meeting.pk]


def can_record_outcomes(user, meeting) -> bool:
    """Record consultation key messages and session records, write the Rapporteur's summary."""
    return is_network_staff(user) or is_rapporteur(user, meeting)


def can_publish_summary(user) -> bool:
    return is_network_staff(user)


def is_verified_focal_point(user) -> bool:
    return user.is_authenticated and getattr(user, "verified_member_state", None) is not None


def can_post(user) -> bool:
    """Stakeholders and focal points take part in the Discussion Space; staff moderate it."""
    return user.is_authenticated and user.is_active and not is_network_staff(user)


def can_flag(user) -> bool:
    return user.is_authenticated and user.is_active


def can_moderate(user) -> bool:
    return is_network_staff(user)


def can_register_for_consultations(user) -> bool:
    """The Multi-stakeholder Consultations are for stakeholders, not States or staff."""
    return (
        user.is_authenticated
        and user.is_active
        and not is_network_staff(user)
        and not is_verified_focal_point(user)
    )


def can_read_post(user, post: DiscussionPost) -> bool:
    """Published posts are public; the others only their author and staff see."""
    if post.status == DiscussionPost.Status.APPROVED:
        return True
    return user.is_authenticated and (post.author_id == user.pk or is_network_staff(user))
