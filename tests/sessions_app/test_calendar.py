import datetime
import zoneinfo

import icalendar

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")


def events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_programme_ics_parses_with_one_event_per_segment(client, meeting):
    response = client.get("/programme.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, vevents = events(response)
    assert len(vevents) == meeting.sessions.count() == 8
    assert [str(e["summary"]) for e in vevents][:3] == [
        "Multi-stakeholder Hearing",
        "Opening segment",
        "Thematic session 1",
    ]
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]


def test_first_event_starts_at_0830_geneva_time_on_11_march_2024(client, meeting):
    _, vevents = events(client.get("/programme.ics"))
    start = vevents[0].decoded("dtstart")
    assert start == datetime.datetime(2024, 3, 11, 8, 30, tzinfo=GENEVA)
    assert start.tzinfo.key == "Europe/Zurich"
    assert vevents[0]["dtstart"].params["TZID"] == "Europe/Zurich"
    assert vevents[0].decoded("dtend") == datetime.datetime(2024, 3, 11, 10, 0, tzinfo=GENEVA)


def test_event_uids_are_stable_and_unique(client, meeting):
    first = [str(e["uid"]) for e in events(client.get("/programme.ics"))[1]]
    second = [str(e["uid"]) for e in events(client.get("/fr/programme.ics"))[1]]
    assert first == second
    assert len(set(first)) == 8
    assert first[0] == "unece-2024-hearing@gcm-regional-review"


def test_calendar_in_russian_carries_russian_titles(client, meeting):
    _, vevents = events(client.get("/ru/programme.ics"))
    assert str(vevents[0]["summary"]) == "Многосторонние слушания"
