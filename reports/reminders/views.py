"""/staff/reminders/ and the one-click unsubscribe page of optional reminders."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from registration.permissions import network_staff_required
from sessions_app.selectors import meeting_current

from . import selectors, services
from .windows import WINDOWS


@network_staff_required
@require_safe
def staff_reminders(request):
    meeting = meeting_current()
    return render(
        request,
        "reports/reminders/staff.html",
        {
            "rules": selectors.rules_with_counts(),
            "scheduled": selectors.reminders_scheduled(meeting=meeting),
            "meeting": meeting,
        },
    )


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks (mail scanners follow links), POST stops them; no sign-in needed."""
    found = services.unsubscribe_read(token)
    if found is None:
        raise Http404
    user, window = found
    done = request.method == "POST"
    if done:
        services.reminder_opt_out(user=user, window=window)
    return render(
        request,
        "reports/reminders/unsubscribe.html",
        {"window": WINDOWS[window].label, "done": done, "email": user.email},
    )
