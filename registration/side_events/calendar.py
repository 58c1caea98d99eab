"""The approved side events as an iCalendar file of their own (RFC 5545), apart from the
programme's, so a calendar client shows them as a separate calendar."""

import datetime

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from gcm_review.i18n import localized
from gcm_review.site import site_url
from gcm_review.text import html_to_text
from sessions_app.models import Meeting

from .models import SideEvent


def side_events_ical(*, meeting: Meeting, side_events: list[SideEvent]) -> bytes:
    """One VEVENT per approved side event; its UID never changes (``SideEvent.uid``)."""
    calendar = Calendar()
    calendar.add("prodid", "-//UN Network on Migration//GCM Regional Review side events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add(
        "x-wr-calname", _("Side events: %(meeting)s") % {"meeting": localized(meeting, "name")}
    )
    calendar.add("x-wr-timezone", meeting.timezone)
    for side_event in side_events:
        event = Event()
        event.add("uid", side_event.uid)
        event.add("dtstamp", side_event.updated_at.astimezone(datetime.UTC))
        event.add("dtstart", side_event.starts_at.astimezone(meeting.tzinfo))
        event.add("dtend", side_event.ends_at.astimezone(meeting.tzinfo))
        event.add("summary", side_event.title)
        event.add(
            "description", f"{side_event.organisers}\n\n{html_to_text(side_event.description)}"
        )
        if side_event.venue == SideEvent.Venue.ROOM:
            event.add("location", f"{side_event.room}, {localized(meeting, 'venue')}")
        else:
            event.add("location", side_event.online_url)
        event.add("url", site_url() + side_event.get_absolute_url())
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
