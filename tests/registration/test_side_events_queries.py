"""Query counts of the side-event list pages do not grow with the number of side events."""

import pytest

from registration.models import SideEvent
from registration.side_events import services
from tests.registration.side_events import approved_registration, meeting_ahead, side_event_make


@pytest.fixture
def ahead(meeting):
    return meeting_ahead(meeting)


def events_make(meeting, n, **fields) -> list[SideEvent]:
    return [
        side_event_make(meeting, title=f"Side event {i}", hour=9 + i, **fields) for i in range(n)
    ]


@pytest.mark.parametrize("n", [1, 3])
def test_public_calendar_queries_do_not_grow(
    client_of, ahead, stakeholder, focal_point_a, django_assert_num_queries, n
):
    events = events_make(ahead, n)
    for event in events:
        services.side_event_sign_up(side_event=event, user=focal_point_a)
    client = client_of(stakeholder)
    # session, user, meeting, the side events with their counts, the person's seats, the call,
    # the staff group (for the menu)
    with django_assert_num_queries(7):
        response = client.get("/programme/side-events/")
    assert response.context["days"] == [(ahead.date, events)]
    [(_day, listed)] = response.context["days"]
    assert [e.seats_taken for e in listed] == [1] * n
    assert response.content.decode().count("1 of 10 seats taken.") == n


@pytest.mark.parametrize("n", [1, 3])
def test_calendar_file_queries_do_not_grow(client, ahead, django_assert_num_queries, n):
    events_make(ahead, n)
    with django_assert_num_queries(2):  # meeting, side events
        response = client.get("/programme/side-events.ics")
    assert response.content.decode().count("BEGIN:VEVENT") == n


@pytest.mark.parametrize("n", [1, 3])
def test_proposer_list_queries_do_not_grow(
    client_of, ahead, stakeholder, django_assert_num_queries, n
):
    approved_registration(ahead, stakeholder)
    events = events_make(ahead, n, proposer=stakeholder)
    client = client_of(stakeholder)
    # session, user, meeting, the call, may propose (focal point, registration), the staff
    # group (for the menu), the proposals with their counts
    with django_assert_num_queries(8):
        response = client.get("/my/side-events/")
    assert list(response.context["proposals"]) == events[::-1]


@pytest.mark.parametrize("n", [1, 3])
def test_staff_list_queries_do_not_grow(
    client_of, ahead, stakeholder, staff_user, django_assert_num_queries, n
):
    events = events_make(ahead, n, proposer=stakeholder, status=SideEvent.Status.PENDING)
    client = client_of(staff_user)
    # session, user, staff group, meeting, proposals with proposers, the call
    with django_assert_num_queries(6):
        response = client.get("/staff/side-events/")
    assert [e.pk for e in response.context["proposals"]] == [e.pk for e in events]
    assert response.content.decode().count('value="approve"') == n
