"""The programme as iCalendar (RFC 5545)."""

import datetime

from icalendar import Calendar, Event

from gcm_review.i18n import localized
from gcm_review.site import site_url

from .models import Meeting, Session


def programme_ical(*, meeting: Meeting, sessions: list[Session]) -> bytes:
    """One VEVENT per segment, with stable UIDs and the meeting's own time zone."""
    calendar = Calendar()
    calendar.add("prodid", "-//UN Network on Migration//GCM Regional Review portal//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", localized(meeting, "name"))
    calendar.add("x-wr-timezone", meeting.timezone)
    location = f"{localized(meeting, 'venue')}, {localized(meeting, 'city')}"
    for session in sessions:
        event = Event()
        event.add("uid", f"{meeting.slug}-{session.slug}@gcm-regional-review")
        event.add("dtstamp", session.updated_at.astimezone(datetime.UTC))
        event.add("dtstart", session.starts_at.astimezone(meeting.tzinfo))
        event.add("dtend", session.ends_at.astimezone(meeting.tzinfo))
        event.add("summary", localized(session, "title"))
        event.add("description", localized(session, "summary"))
        event.add("location", location)
        event.add("url", site_url() + session.get_absolute_url())
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
