"""Cross-site scripting through the side-event fields (side13): every payload of
payloads/xss.txt in the title, the organisers, the room, the description (rich text) and the
reason for a decline comes out inert on the calendar page, the proposer's and staff's pages,
the home page on the day and in the mails; the calendar file carries the text as written."""

import icalendar
from django.core import mail
from django.test import Client

from registration.models import SideEvent
from tests.hostile.test_xss import TEXTS, Findings, groups, rich_groups, signed_in, witness
from tests.registration.side_events import meeting_ahead, proposal_data


def test_side_event_fields_are_inert_wherever_shown(
    meeting, focal_point_a, staff_user, django_capture_on_commit_callbacks
):
    meeting_ahead(meeting, days=0)  # the home page shows the day's side events
    proposer, staff = signed_in(focal_point_a), signed_in(staff_user)
    titles, organisers, rooms = groups(200), groups(300), groups(200)
    descriptions, reasons = rich_groups("description"), groups(2000)
    count = max(map(len, (titles, organisers, rooms, descriptions)))
    for i in range(count):
        data = proposal_data(
            meeting,
            title=titles[i % len(titles)].text,
            organisers=organisers[i % len(organisers)].text,
            room=rooms[i % len(rooms)].text,
            description=descriptions[i % len(descriptions)][1],
            starts="23:00",
            ends="23:30",
        )
        response = proposer.post("/my/side-events/propose/", data)
        assert response.status_code == 302, response.context["form"].errors
    events = list(SideEvent.objects.order_by("pk"))
    with django_capture_on_commit_callbacks(execute=True):
        for event in events[1:]:
            staff.post(f"/staff/side-events/{event.pk}/decide/", {"decision": "approve"})
        for reason in reasons:  # the first is declined once; each reason is seen by staff
            declined = staff.post(
                f"/staff/side-events/{events[0].pk}/decide/",
                {"decision": "decline", "reason": reason.text},
            )
            if declined.status_code == 302:
                break
    shown = TEXTS + [witness("description", numbers[0]) for numbers, _text in descriptions]
    found = Findings()
    found.page("calendar", Client().get("/programme/side-events/"))
    found.page("home", Client().get("/"))
    found.page("proposer", proposer.get("/my/side-events/"), shows=TEXTS)
    found.page("staff", staff.get("/staff/side-events/"), shows=shown)
    found.mails("decisions", mail.outbox, shows=reasons[0].members)
    assert found == []
    calendar = icalendar.Calendar.from_ical(Client().get("/programme/side-events.ics").content)
    assert sorted(str(e["summary"]) for e in calendar.walk("VEVENT")) == sorted(
        event.title for event in events[1:]
    )
