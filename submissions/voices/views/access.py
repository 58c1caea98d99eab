"""Who reaches the pages where outcomes are recorded."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from sessions_app.selectors import meeting_current

from .. import permissions


def recorder_required(view):
    """Network staff and the meeting's Rapporteur; anonymous visitors are sent to sign in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        meeting = meeting_current()
        if not permissions.can_record_outcomes(request.user, meeting):
            raise PermissionDenied
        return view(request, meeting, *args, **kwargs)

    return wrapper
