"""The programme as iCalendar (RFC 5545)."""

import datetime

from icalendar import Calendar, Event

from gcm_review.i18n import localized
from gcm_review.site import site_url

from .models import Meeting


def programme_ical(*, meeting: Meeting, entries: list) -> bytes:
    """One VEVENT per segment of the released programme, in the meeting's own time zone.

    Each keeps its UID from version to version; its SEQUENCE rises with each release that
    changes it, and a cancelled one says STATUS:CANCELLED, so calendar clients update the
    event instead of adding another."""
    calendar = Calendar()
    calendar.add("prodid", "-//UN Network on Migration//GCM Regional Review portal//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", localized(meeting, "name"))
    calendar.add("x-wr-timezone", meeting.timezone)
    location = f"{localized(meeting, 'venue')}, {localized(meeting, 'city')}"
    for session in entries:
        event = Event()
        event.add("uid", f"{meeting.slug}-{session.slug}@gcm-regional-review")
        event.add("sequence", session.sequence)
        event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
        event.add("dtstamp", session.changed_at.astimezone(datetime.UTC))
        event.add("dtstart", session.starts_at.astimezone(meeting.tzinfo))
        event.add("dtend", session.ends_at.astimezone(meeting.tzinfo))
        event.add("summary", localized(session, "title"))
        if session.session is not None:
            event.add("description", localized(session, "summary"))
            event.add("url", site_url() + session.get_absolute_url())
        room = localized(session, "room")
        event.add("location", f"{room}, {location}" if room else location)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
