"""The timeline's calendar feed: its page on /my/, and the feed itself behind its secret."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcm_review.i18n import localized
from gcm_review.site import site_url
from sessions_app.selectors import meeting_current

from . import selectors, services
from .calendar import timeline_ical


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed(request):
    """GET says whether a feed exists; POST makes a new secret address and shows it once."""
    feed_url = ""
    if request.method == "POST":
        token = services.calendar_feed_regenerate(user=request.user)
        feed_url = site_url() + reverse("timeline:feed", args=[token])
    return render(
        request,
        "registration/timeline/calendar_feed.html",
        {"feed": selectors.feed_of(user=request.user), "feed_url": feed_url},
    )


@login_required
@require_POST
def calendar_feed_revoke(request):
    services.calendar_feed_revoke(user=request.user)
    messages.success(request, _("Your calendar address no longer works."))
    return redirect("timeline:calendar")


@require_safe
def feed(request, token):
    """The person's own deadlines, in their language; 404 for an unknown or revoked secret."""
    user = selectors.feed_owner(token=token)
    if user is None:
        raise Http404
    meeting = meeting_current()
    with translation.override(user.preferred_language):
        rows = selectors.timeline_for(user=user, meeting=meeting, past=True)
        name = _("%(meeting)s: my deadlines") % {"meeting": localized(meeting, "name")}
        body = timeline_ical(entries=[r.entry for r in rows], meeting=meeting, user=user, name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-deadlines.ics"'
    return response
