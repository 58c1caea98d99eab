"""Side events: organisations propose them while the call is open, staff approve or decline
(the proposer is mailed in their language), approved ones appear in the calendar page, in an
iCalendar file of their own and on the home page on the day, and in-portal sign-up keeps to
the seat limit."""

import datetime
import io

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from registration.models import Registration, SideEvent, SideEventCall, SideEventSignUp
from registration.side_events import services
from tests.conftest import make_user
from tests.registration.side_events import (
    approved_registration,
    meeting_ahead,
    proposal_data,
    side_event_make,
)


@pytest.fixture
def ahead(meeting):
    return meeting_ahead(meeting)


@pytest.fixture
def organiser(ahead, stakeholder):
    approved_registration(ahead, stakeholder)
    return stakeholder


def test_organiser_proposes_staff_approve_and_everyone_sees_it(
    client_of, ahead, organiser, staff_user, django_capture_on_commit_callbacks
):
    organiser.preferred_language = "fr"
    organiser.save()
    ahead.contact_email = "contact@un.example.org"
    ahead.save()
    client = client_of(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/my/side-events/propose/", proposal_data(ahead))
    assert (response.status_code, response["Location"]) == (302, "/my/side-events/")
    event = SideEvent.objects.get()
    assert (event.title, event.status, event.proposer, event.seats) == (
        "Migrant workers' rights in the care sector",
        "pending",
        organiser,
        40,
    )
    assert event.starts_at == ahead.at(0, datetime.time(13, 15))
    assert (
        event.description == "<p>A panel of care workers.</p><p>With interpretation in French.</p>"
    )
    assert client.get("/programme/side-events/").context["days"] == []
    [told] = mail.outbox
    assert (told.to, told.subject) == (
        ["contact@un.example.org"],
        "[GCM Regional Review] Side event proposed: Migrant workers' rights in the care sector",
    )
    assert "/staff/side-events/" in told.body
    mail.outbox.clear()

    staff = client_of(staff_user)
    assert [e.pk for e in staff.get("/staff/side-events/").context["proposals"]] == [event.pk]
    with django_capture_on_commit_callbacks(execute=True):
        decided = staff.post(f"/staff/side-events/{event.pk}/decide/", {"decision": "approve"})
    assert decided["Location"] == "/staff/side-events/"
    event.refresh_from_db()
    assert (event.status, event.decided_by) == ("approved", staff_user)
    [message] = mail.outbox
    assert (message.to, message.subject) == (
        [organiser.email],
        "[Examen régional du Pacte mondial sur les migrations] "
        "Votre manifestation parallèle est approuvée",
    )
    assert f"/fr/programme/side-events/#side-event-{event.pk}" in message.body

    public = client_of(None).get("/programme/side-events/")
    assert public.context["days"] == [(ahead.date, [event])]
    assert "Migrant workers&#x27; rights in the care sector" in public.content.decode()
    assert "0 of 40 seats taken." in public.content.decode()


def test_decline_needs_a_reason_and_mails_it_in_the_proposers_language(
    client_of, ahead, organiser, staff_user, django_capture_on_commit_callbacks
):
    organiser.preferred_language = "ru"
    organiser.save()
    event = side_event_make(ahead, status=SideEvent.Status.PENDING, proposer=organiser)
    staff = client_of(staff_user)
    refused = staff.post(f"/staff/side-events/{event.pk}/decide/", {"decision": "decline"})
    assert refused.status_code == 400
    assert "Say why the side event is declined." in refused.content.decode()
    assert SideEvent.objects.get().status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            f"/staff/side-events/{event.pk}/decide/",
            {"decision": "decline", "reason": "The room is taken at that hour."},
        )
    event.refresh_from_db()
    assert (event.status, event.decision_reason) == ("declined", "The room is taken at that hour.")
    [message] = mail.outbox
    assert message.subject == "[Региональный обзор ГДМ] Ваше параллельное мероприятие отклонено"
    assert "The room is taken at that hour." in message.body
    mine = client_of(organiser).get("/my/side-events/")
    assert list(mine.context["proposals"]) == [event]
    assert "The room is taken at that hour." in mine.content.decode()


def test_who_may_propose(client_of, ahead, stakeholder, focal_point_a, staff_user):
    pending = make_user("paula@example.org")
    Registration.objects.create(
        meeting=ahead, user=pending, parts="both", attendance="online", consent_privacy=True
    )
    for person, status in (
        (stakeholder, 403),  # no registration
        (pending, 403),
        (staff_user, 403),
        (focal_point_a, 200),
    ):
        assert client_of(person).get("/my/side-events/propose/").status_code == status
    approved_registration(ahead, stakeholder)
    assert client_of(stakeholder).get("/my/side-events/propose/").status_code == 200


def test_no_proposal_once_the_call_is_closed(client_of, ahead, focal_point_a):
    SideEventCall.objects.filter(meeting=ahead).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client = client_of(focal_point_a)
    assert (
        "The call for side events is closed"
        in client.get("/my/side-events/propose/").content.decode()
    )
    response = client.post("/my/side-events/propose/", proposal_data(ahead))
    assert response.status_code == 400
    assert "The call for side events is closed." in response.content.decode()
    assert SideEvent.objects.count() == 0


def test_the_call_defaults_to_dates_derived_from_the_meeting(meeting):
    call = SideEventCall.objects.get(meeting=meeting)  # made by seed
    assert (call.opens_at, call.closes_at) == (
        meeting.at(-60, datetime.time(9, 0)),
        meeting.at(-14, datetime.time(23, 59)),
    )


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"day": "2000-01-01"}, "day", "Choose a day of the meeting."),
        ({"ends": "13:00"}, "ends", "The side event must end after it starts."),
        ({"seats": ""}, "seats", "Give the number of seats, from 1 to 2000."),
        ({"sign_up": "link"}, "registration_url", "Give the web address of the registration."),
        (
            {"sign_up": "link", "registration_url": "javascript:alert(1)"},
            "registration_url",
            "Give a web address starting with https://.",
        ),
        ({"venue": "online", "room": ""}, "online_url", "Give the web address to join."),
        ({"venue": "room", "room": " "}, "room", "Name the room."),
        ({"description": "<script>alert(1)</script>"}, "description", "Describe the side event."),
        ({"title": ""}, "title", "Give the title."),
    ],
)
def test_bad_input_says_what_to_fix_and_keeps_what_was_typed(
    client_of, ahead, focal_point_a, changes, field, message
):
    data = proposal_data(ahead, **{"title": "Kept title", **changes})
    if field == "title":
        data["organisers"] = "Kept organisers"
    response = client_of(focal_point_a).post("/my/side-events/propose/", data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[field] == [message]
    assert "Kept" in response.content.decode()
    assert SideEvent.objects.count() == 0


def test_side_events_calendar_is_its_own_with_stable_uids(client, ahead):
    first = side_event_make(ahead, title="Care work", hour=13)
    side_event_make(ahead, title="Not yet decided", status=SideEvent.Status.PENDING)
    online = side_event_make(
        ahead,
        title="Online dialogue",
        hour=18,
        venue=SideEvent.Venue.ONLINE,
        room="",
        online_url="https://meet.example.org/dialogue",
        sign_up=SideEvent.SignUp.LINK,
        registration_url="https://example.org/register",
        seats=None,
    )

    def events():
        response = client.get("/programme/side-events.ics")
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = icalendar.Calendar.from_ical(response.content)
        assert str(calendar["x-wr-calname"]) == f"Side events: {ahead.name}"
        return {
            str(e["uid"]): (str(e["summary"]), e.decoded("dtstart"), str(e["location"]))
            for e in calendar.walk("VEVENT")
        }

    before = events()
    assert before == {
        f"unece-2024-side-event-{first.pk}@gcm-regional-review": (
            "Care work",
            ahead.at(0, datetime.time(13, 0)),
            "Room XXIV, Palais des Nations",
        ),
        f"unece-2024-side-event-{online.pk}@gcm-regional-review": (
            "Online dialogue",
            ahead.at(0, datetime.time(18, 0)),
            "https://meet.example.org/dialogue",
        ),
    }
    first.starts_at = ahead.at(0, datetime.time(12, 30))
    first.save()
    after = events()
    assert after.keys() == before.keys()
    assert after[first.uid][1] == ahead.at(0, datetime.time(12, 30))
    programme = icalendar.Calendar.from_ical(client.get("/programme.ics").content)
    assert not any("side-event" in str(e["uid"]) for e in programme.walk("VEVENT"))


def test_sign_up_keeps_to_the_seats_and_cancel_frees_one(
    client_of, ahead, stakeholder, focal_point_a
):
    event = side_event_make(ahead, seats=1)
    sofia = client_of(stakeholder)
    taken = sofia.post(f"/programme/side-events/{event.pk}/sign-up/")
    assert taken["Location"] == f"/programme/side-events/#side-event-{event.pk}"
    sofia.post(f"/programme/side-events/{event.pk}/sign-up/")  # twice: still one seat
    assert list(SideEventSignUp.objects.values_list("user__email", flat=True)) == [
        stakeholder.email
    ]
    page = sofia.get("/programme/side-events/")
    assert page.context["signed_up"] == {event.pk}
    assert "1 of 1 seat taken." in page.content.decode()

    anahit = client_of(focal_point_a)
    anahit.post(f"/programme/side-events/{event.pk}/sign-up/")
    page = anahit.get("/programme/side-events/")
    assert "Every seat is taken." in page.content.decode()
    assert SideEventSignUp.objects.count() == 1

    client_of(stakeholder).post(f"/programme/side-events/{event.pk}/cancel/")
    anahit = client_of(focal_point_a)
    anahit.post(f"/programme/side-events/{event.pk}/sign-up/")
    assert list(SideEventSignUp.objects.values_list("user__email", flat=True)) == [
        focal_point_a.email
    ]


def test_no_sign_up_for_a_pending_event_one_by_link_or_one_started(ahead, stakeholder):
    pending = side_event_make(ahead, title="Pending", status=SideEvent.Status.PENDING)
    by_link = side_event_make(
        ahead, sign_up=SideEvent.SignUp.LINK, registration_url="https://example.org", seats=None
    )
    started = side_event_make(ahead, title="Started")
    for event, now, message in (
        (pending, None, "This side event takes no sign-up here."),
        (by_link, None, "This side event takes no sign-up here."),
        (started, started.starts_at, "This side event has started: sign-up is closed."),
    ):
        with pytest.raises(services.ValidationError) as error:
            services.side_event_sign_up(side_event=event, user=stakeholder, now=now)
        assert error.value.messages == [message]
    assert SideEventSignUp.objects.count() == 0


def test_proposer_sees_the_number_of_sign_ups(client_of, ahead, organiser, focal_point_a):
    event = side_event_make(ahead, proposer=organiser, seats=25)
    services.side_event_sign_up(side_event=event, user=focal_point_a)
    content = client_of(organiser).get("/my/side-events/").content.decode()
    assert "1 of 25 seats" in content


def test_home_page_shows_the_side_events_on_the_day_only(client, meeting):
    meeting_ahead(meeting, days=0)
    side_event_make(meeting, title="Side event of the day")
    assert "Side event of the day" in client.get("/").content.decode()
    meeting_ahead(meeting, days=1)
    SideEvent.objects.update(
        starts_at=meeting.at(0, datetime.time(13, 0)), ends_at=meeting.at(0, datetime.time(14, 0))
    )
    content = client.get("/").content.decode()
    assert "Side event of the day" not in content
    assert "Side events today" not in content


def test_my_data_holds_my_proposals_and_seats_only(client_of, ahead, organiser, focal_point_a):
    mine = side_event_make(ahead, title="Mine", proposer=organiser)
    other = side_event_make(ahead, title="Theirs", proposer=focal_point_a)
    services.side_event_sign_up(side_event=other, user=organiser)
    services.side_event_sign_up(side_event=mine, user=focal_point_a)
    data = client_of(organiser).get("/my/data.json").json()["side_events"]
    assert [(p["title"], p["status"], p["seats"]) for p in data["proposed"]] == [
        ("Mine", "approved", 10)
    ]
    assert [s["side_event"] for s in data["seats"]] == ["Theirs"]


def test_a_second_decision_is_refused_with_a_message(client_of, ahead, organiser, staff_user):
    event = side_event_make(ahead, status=SideEvent.Status.PENDING, proposer=organiser)
    staff = client_of(staff_user)
    staff.post(f"/staff/side-events/{event.pk}/decide/", {"decision": "approve"})
    again = staff.post(
        f"/staff/side-events/{event.pk}/decide/", {"decision": "decline", "reason": "Late."}
    )
    assert again.status_code == 400
    assert "This side event has already been decided." in again.content.decode()
    event.refresh_from_db()
    assert (event.status, event.decision_reason) == ("approved", "")


def test_seed_demo_opens_the_call_until_the_demo_windows_close(meeting):
    call_command("seed", "--demo", stdout=io.StringIO())
    meeting.refresh_from_db()
    call = SideEventCall.objects.get(meeting=meeting)
    assert (call.is_open(), call.closes_at) == (True, meeting.demo_windows_until)
