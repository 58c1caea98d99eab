"""Who may do what with people's data: plain functions and the decorators built on them."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .models import STAFF_GROUP, Call, ExpressionOfInterest, FocalPoint, Registration, User


def is_network_staff(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_is_network_staff"):
        user._is_network_staff = user.groups.filter(name=STAFF_GROUP).exists()
    return user._is_network_staff


def can_read_logistics_note(user, registration: Registration | None) -> bool:
    return is_network_staff(user) or (
        registration is not None
        and registration.user_id == user.pk
        and registration.status == Registration.Status.APPROVED
    )


def can_read_nomination_letter(user: User, focal_point: FocalPoint) -> bool:
    return is_network_staff(user) or focal_point.user_id == user.pk


def can_apply_for(user, call: Call) -> bool:
    """Co-Chairs and keynote speakers are offered by a Member State's verified focal point;
    the Rapporteur and moderators are stakeholders, so not a focal point. (Whether the
    person's profile names a stakeholder category is checked when they apply, with a message
    that says what to do.)"""
    if not user.is_authenticated:
        return False
    is_focal_point = user.verified_member_state is not None
    return is_focal_point if call.for_member_states else not is_focal_point


def can_manage_expression(user, expression: ExpressionOfInterest) -> bool:
    """A stakeholder's own expression of interest, or one of the state the person is the
    verified focal point of (whoever of its focal points made it)."""
    if not user.is_authenticated:
        return False
    if expression.user_id is not None:
        return expression.user_id == user.pk
    state = user.verified_member_state
    return state is not None and state.pk == expression.member_state_id


def can_read_cv(user, expression: ExpressionOfInterest) -> bool:
    return is_network_staff(user) or can_manage_expression(user, expression)


def network_staff_required(view):
    """Anonymous visitors are sent to sign in; signed-in people who are not staff get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_network_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
