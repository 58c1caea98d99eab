"""Side events on the home pages: the public home page's panel of today's side events (on
the meeting's days only), and the count of proposals waiting on the staff home page."""

from django.template.loader import render_to_string

from gcm_review.home_panels import home_panel
from gcm_review.staff_home import staff_counter

from . import selectors
from .models import SideEvent


@home_panel("side_events")
def side_events_today_panel(*, request, meeting) -> str:
    events = selectors.side_events_today(meeting=meeting)
    if not events:
        return ""
    return render_to_string(
        "side_events/_home_today.html", {"meeting": meeting, "events": events}, request=request
    )


@staff_counter("side_events")
def side_events_waiting(*, meeting) -> dict[str, int]:
    return {"pending": meeting.side_events.filter(status=SideEvent.Status.PENDING).count()}
