"""The home page's panel of today's side events, on the meeting's days only."""

from django.template.loader import render_to_string

from gcm_review.home_panels import home_panel

from . import selectors


@home_panel("side_events")
def side_events_today_panel(*, request, meeting) -> str:
    events = selectors.side_events_today(meeting=meeting)
    if not events:
        return ""
    return render_to_string(
        "side_events/_home_today.html", {"meeting": meeting, "events": events}, request=request
    )
