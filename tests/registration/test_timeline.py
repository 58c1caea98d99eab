"""/my/: a person's own deadlines with days left, and the personal calendar feed behind a
secret, revocable address."""

import datetime
import re

import icalendar
from django.utils import timezone

from registration.models import CalendarFeedToken, MemberState, Registration
from reports.models import Report
from sessions_app.models import KeyDate
from submissions.models import Submission
from tests.conftest import make_user


def rows(response):
    return [(r.entry.key, r.days, r.entry.todo != "") for r in response.context["timeline"]]


def test_a_focal_point_sees_the_written_input_and_report_comments_with_days_left(
    meeting, focal_point_a, client_of
):
    now = timezone.now()
    meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
        at=now + datetime.timedelta(days=9, minutes=1)
    )
    report = Report.objects.create(
        meeting=meeting,
        title="Summary report",
        status=Report.Status.CIRCULATED,
        comments_close_at=now + datetime.timedelta(days=12, minutes=1),
    )
    response = client_of(focal_point_a).get("/my/")
    assert rows(response) == [
        ("written-input", 9, True),
        (f"report-comments-{report.pk}", 12, True),
    ]
    assert "9 days left" in response.content.decode()
    Submission.objects.create(
        meeting=meeting,
        member_state=MemberState.objects.get(iso_alpha3="ARM"),
        status=Submission.Status.SUBMITTED,
    )
    response = client_of(focal_point_a).get("/my/")
    assert rows(response)[0] == ("written-input", 9, False)


def test_a_pending_registrant_sees_registration_closing_and_an_approved_one_the_meeting(
    registration_open, client_of
):
    paula = make_user("paula@example.org")
    registration = Registration.objects.create(
        meeting=registration_open,
        user=paula,
        parts="both",
        attendance="online",
        consent_privacy=True,
    )
    assert rows(client_of(paula).get("/my/")) == [("registration", 30, True)]
    registration.status = Registration.Status.APPROVED
    registration.save()
    registration_open.key_dates.filter(kind=KeyDate.Kind.MEETING).update(
        at=timezone.now() + datetime.timedelta(days=40)
    )
    assert [key for key, *_ in rows(client_of(paula).get("/my/"))] == ["meeting"]


def test_someone_not_registered_while_registration_is_open_is_asked_to_register(
    registration_open, stakeholder, client_of
):
    assert rows(client_of(stakeholder).get("/my/")) == [("registration", 30, True)]


def feed_path(client):
    page = client.post("/my/calendar/")
    assert page.status_code == 200
    return re.search(r'value="https?://[^/"]+(/my/calendar/[^"]+\.ics)"', page.content.decode())[1]


def events(response):
    calendar = icalendar.Calendar.from_ical(b"".join([response.content]))
    return {str(e["uid"]): str(e["summary"]) for e in calendar.walk("VEVENT")}


def test_the_feed_lists_the_persons_deadlines_in_their_language_with_stable_uids(
    registration_open, stakeholder, client_of
):
    stakeholder.preferred_language = "fr"
    stakeholder.save()
    client = client_of(stakeholder)
    path = feed_path(client)
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    assert CalendarFeedToken.objects.get(user=stakeholder).token_hash != token
    anonymous = client_of(None)
    first = anonymous.get(path)
    assert (first.status_code, first["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    uid = f"unece-2024-person-{stakeholder.pk}-registration@gcm-regional-review"
    assert events(first) == {uid: "Clôture des inscriptions"}
    assert events(anonymous.get(path)) == events(first)


def test_a_new_address_replaces_the_old_and_revoking_ends_it(stakeholder, meeting, client_of):
    client = client_of(stakeholder)
    old = feed_path(client)
    new = feed_path(client)
    anonymous = client_of(None)
    assert (anonymous.get(old).status_code, anonymous.get(new).status_code) == (404, 200)
    client = client_of(stakeholder)
    assert client.post("/my/calendar/revoke/").status_code == 302
    assert client_of(None).get(new).status_code == 404
    assert CalendarFeedToken.objects.count() == 0


def test_an_unknown_or_hostile_feed_address_is_404(meeting, client_of):
    for token in ("nothing", "<script>alert(1)</script>", "' OR 1=1 --"):
        assert client_of(None).get(f"/my/calendar/{token}.ics").status_code == 404


def test_my_page_leaves_out_passed_deadlines_and_the_feed_keeps_them(
    meeting, focal_point_a, client_of
):
    meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
        at=timezone.now() - datetime.timedelta(days=2)
    )
    client = client_of(focal_point_a)
    assert rows(client.get("/my/")) == []
    feed = events(client_of(None).get(feed_path(client_of(focal_point_a))))
    uid = f"unece-2024-person-{focal_point_a.pk}-written-input@gcm-regional-review"
    assert list(feed) == [uid]
