"""A person's timeline as an iCalendar feed (RFC 5545): one event per deadline, stable UIDs."""

import datetime

from icalendar import Calendar, Event

from gcm_review.site import site_url
from gcm_review.timeline import TimelineEntry


def timeline_ical(*, entries: list[TimelineEntry], meeting, user, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//UN Network on Migration//GCM Regional Review portal//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", meeting.timezone)
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    for entry in entries:
        event = Event()
        event.add("uid", f"{meeting.slug}-person-{user.pk}-{entry.key}@gcm-regional-review")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.at.astimezone(meeting.tzinfo))
        event.add("summary", entry.title)
        if entry.todo:
            event.add("description", entry.todo)
        if entry.path:
            event.add("url", site_url() + entry.path)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
