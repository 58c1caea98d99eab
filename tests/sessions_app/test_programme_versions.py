"""Programme versions: staff release the draft, the public sees the release only, the
changes page, the iCalendar SEQUENCE and the Atom feed of releases."""

import datetime

import feedparser
import icalendar
import pytest
from django.utils import translation

from sessions_app.models import Session
from sessions_app.versions.services import programme_release
from tests.factories import MeetingFactory, SessionFactory
from tests.html import texts


def vevents(client, path="/programme.ics"):
    calendar = icalendar.Calendar.from_ical(client.get(path).content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def moved(session, hours=1):
    session.starts_at += datetime.timedelta(hours=hours)
    session.ends_at += datetime.timedelta(hours=hours)
    session.save()
    return session


def test_seed_releases_the_programme_as_version_1_with_no_changes(client, meeting):
    release = meeting.programme_releases.get()
    assert release.number == 1
    assert release.entries.count() == 8
    assert release.entries.exclude(changes={}).count() == 0
    assert [int(e["sequence"]) for e in vevents(client).values()] == [0] * 8


def test_a_draft_change_shows_only_once_released(client, meeting, staff_user):
    session = moved(meeting.sessions.get(slug="session-2"))
    uid = "unece-2024-session-2@gcm-regional-review"
    before = vevents(client)[uid]
    page = client.get("/programme/session-2/").content.decode()
    assert before.decoded("dtstart") == session.starts_at - datetime.timedelta(hours=1)
    assert f'datetime="{session.starts_at.isoformat()}"' not in page

    release = programme_release(meeting=meeting, note="Session 2 moves.", by=staff_user)

    assert release.number == 2
    after = vevents(client)
    assert after[uid].decoded("dtstart") == session.starts_at
    assert int(after[uid]["sequence"]) == 1
    assert str(after[uid]["status"]) == "CONFIRMED"
    others = [int(e["sequence"]) for key, e in after.items() if key != uid]
    assert others == [0] * 7
    assert len(after) == 8


def test_changes_page_lists_each_version_with_what_changed_in_french(client, meeting, staff_user):
    session = moved(meeting.sessions.get(slug="session-2"))
    session.room, session.room_fr = "Room XIX", "Salle XIX"
    session.save()
    cancelled = meeting.sessions.get(slug="session-4")
    cancelled.is_cancelled = True
    cancelled.save()
    programme_release(meeting=meeting, note="Two changes.", note_fr="Deux changements.")

    content = client.get("/fr/programme/changes/").content.decode()
    assert texts(content, "h2") == ["Version 2", "Version 1"]
    assert "Deux changements." in texts(content, "p")
    assert texts(content.split('id="version-1"')[0], "strong")[-2:] == [
        "Session thématique 2",
        "Session thématique 4",
    ]
    items = [item for item in texts(content, "li") if item.startswith("Session thématique")]
    assert items == [
        "Session thématique 2 Nouvel horaire: 11 mars 2024, 12:45–14:00 "
        "(auparavant 11 mars 2024, 11:45–13:00) Nouvelle salle: Salle XIX (auparavant —)",
        "Session thématique 4 Annulée",
    ]


def test_cancelled_session_is_cancelled_in_the_calendar_and_marked_on_the_programme(
    client, meeting
):
    Session.objects.filter(slug="session-4").update(is_cancelled=True)
    programme_release(meeting=meeting)
    event = vevents(client)["unece-2024-session-4@gcm-regional-review"]
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1
    assert "Cancelled" in texts(client.get("/programme/").content.decode(), "strong")


def test_an_added_session_appears_once_released_and_a_deleted_one_stays_cancelled(client, meeting):
    added = SessionFactory(meeting=meeting, slug="side-panel", title="A new panel")
    assert client.get("/programme/side-panel/").status_code == 404
    release = programme_release(meeting=meeting)
    assert client.get("/programme/side-panel/").status_code == 200
    assert release.entries.get(slug="side-panel").changes == {"added": True}

    added.delete()
    programme_release(meeting=meeting)
    event = vevents(client)["unece-2024-side-panel@gcm-regional-review"]
    assert (str(event["status"]), int(event["sequence"])) == ("CANCELLED", 1)
    assert client.get("/programme/side-panel/").status_code == 404


def test_no_change_release_raises_no_sequence_and_lists_nothing(client, meeting):
    release = programme_release(meeting=meeting, note="Same again.")
    assert release.entries.exclude(changes={}).count() == 0
    assert {int(e["sequence"]) for e in vevents(client).values()} == {0}
    content = client.get("/programme/changes/").content.decode()
    assert "No change to times, rooms or speakers." in texts(content, "p")


def test_before_any_release_the_programme_shows_the_draft(client, db):
    meeting = MeetingFactory(slug="no-release")
    SessionFactory(meeting=meeting, slug="only", title="Only session")
    assert client.get("/programme/only/").status_code == 200
    assert client.get("/programme/changes/").status_code == 200


def test_programme_releases_feed_is_valid_atom_and_linked(client, meeting):
    moved(meeting.sessions.get(slug="session-1"))
    programme_release(meeting=meeting, note="Session 1 moves.")
    response = client.get("/programme/changes.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["Version 2", "Version 1"]
    assert feed.entries[0].link.endswith("/programme/changes/#version-2")
    assert "Session 1 moves." in feed.entries[0].summary
    assert feed.entries[0].id == "tag:gcm-regional-review,2024:unece-2024/programme/2"
    for path in ("/programme/", "/programme/changes/"):
        content = client.get(path).content.decode()
        assert (
            '<link rel="alternate" type="application/atom+xml" title="Programme releases" '
            'href="/programme/changes.atom">' in content
        )
    with translation.override("fr"):
        feed = feedparser.parse(client.get("/fr/programme/changes.atom").content)
    assert feed.bozo == 0
    assert feed.feed.links[0].href.endswith("/fr/programme/changes/")


@pytest.mark.parametrize("n", [1, 3])
def test_changes_page_queries_do_not_grow_with_versions(
    client, meeting, django_assert_num_queries, n
):
    for hours in range(n - 1):
        moved(meeting.sessions.get(slug="session-1"), hours=hours + 1)
        programme_release(meeting=meeting)
    # meeting, releases, their changed sessions
    with django_assert_num_queries(3):
        response = client.get("/programme/changes/")
    assert len(response.context["releases"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_released_programme_queries_do_not_grow_with_sessions(
    client, db, django_assert_num_queries, n
):
    meeting = MeetingFactory(slug="released-count")
    SessionFactory.create_batch(n, meeting=meeting)
    programme_release(meeting=meeting)
    # meeting, its latest release, released sessions with their session, objectives (no
    # speakers here: their query is skipped)
    with django_assert_num_queries(4):
        response = client.get("/programme/")
    assert len(response.context["sessions"]) == n
