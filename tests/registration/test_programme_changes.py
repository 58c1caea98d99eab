"""A programme release writes one mail to each person it concerns, in their language, and
staff release the programme from /staff/programme/."""

import datetime

import pytest

from gcm_review.models import AuditEntry, OutgoingEmail
from registration.models import Registration
from sessions_app.versions.services import programme_release
from tests.conftest import make_user
from tests.factories import MeetingFactory, SessionFactory
from tests.registration.speakers import apply, calls_open, confirmed, stakeholder_of, thematic


def registered(email, meeting, parts, status=Registration.Status.APPROVED, language="en"):
    user = make_user(email, full_name=email.split("@")[0].title(), preferred_language=language)
    Registration.objects.create(
        meeting=meeting, user=user, parts=parts, attendance="online", status=status
    )
    return user


def move(session, hours=1):
    session.starts_at += datetime.timedelta(hours=hours)
    session.ends_at += datetime.timedelta(hours=hours)
    session.save()


def test_a_release_mails_exactly_the_people_concerned_once_each(meeting, staff_user):
    hearing_only = registered("hearing@example.org", meeting, "hearing")
    conference = registered("conf@example.org", meeting, "conference", language="fr")
    both = registered("both@example.org", meeting, "both")
    registered("rejected@example.org", meeting, "both", status=Registration.Status.REJECTED)
    registered("withdrawn@example.org", meeting, "both", status=Registration.Status.WITHDRAWN)
    move(thematic(meeting, 2))
    move(thematic(meeting, 3))
    OutgoingEmail.objects.all().delete()

    programme_release(meeting=meeting, by=staff_user)

    sent = {mail.to: mail for mail in OutgoingEmail.objects.all()}
    assert sorted(sent) == sorted([conference.email, both.email])
    assert hearing_only.email not in sent
    french = sent[conference.email]
    assert french.language == "fr"
    assert french.subject == (
        "[Examen régional du Pacte mondial sur les migrations] Le programme a changé (version 2)"
    )
    assert "Session thématique 2" in french.body
    assert "Session thématique 3" in french.body
    assert "Nouvel horaire: 11 mars 2024, 12:45–14:00 (auparavant 11 mars 2024, 11:45–13:00)" in (
        french.body
    )
    assert "/fr/programme/changes/" in french.body


def test_a_speaker_of_a_changed_session_is_told_and_others_are_not(meeting, staff_user):
    calls = calls_open(meeting)
    moderator = stakeholder_of("mod@example.org", iso3="ITA", category="civil_society")
    other = stakeholder_of("other@example.org", iso3="FRA", category="academia")
    confirmed(
        apply(calls, moderator, "moderator", session=thematic(meeting, 2)), staff_user, moderator
    )
    confirmed(apply(calls, other, "moderator", session=thematic(meeting, 3)), staff_user, other)
    Registration.objects.create(
        meeting=meeting, user=moderator, parts="both", attendance="online", status="approved"
    )
    programme_release(meeting=meeting, by=staff_user)  # the speakers join the programme
    OutgoingEmail.objects.all().delete()
    session = thematic(meeting, 2)
    session.room = "Room XVII"
    session.save()

    programme_release(meeting=meeting, by=staff_user)

    # The moderator, also registered, gets one mail; the other speaker none.
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == ["mod@example.org"]
    assert "New room: Room XVII (was —)" in OutgoingEmail.objects.get().body


def test_speakers_join_the_public_programme_with_the_release(client, meeting, staff_user):
    calls = calls_open(meeting)
    moderator = stakeholder_of(
        "mod@example.org", iso3="ITA", category="civil_society", full_name="Maria Moderator"
    )
    confirmed(
        apply(calls, moderator, "moderator", session=thematic(meeting, 2)), staff_user, moderator
    )
    assert "Maria Moderator" not in client.get("/programme/session-2/").content.decode()
    release = programme_release(meeting=meeting, by=staff_user)
    assert "Maria Moderator" in client.get("/programme/session-2/").content.decode()
    assert release.entries.get(slug="session-2").speakers_added == ["Maria Moderator"]


def test_staff_preview_the_change_and_release_with_a_note(client, meeting, staff_user):
    move(thematic(meeting, 1))
    client.force_login(staff_user)
    page = client.get("/staff/programme/").content.decode()
    assert "Release version 2" in page
    assert "New time" in page

    response = client.post(
        "/staff/programme/", {"note": "Session 1 later.", "confirm_version": "2"}
    )

    assert response.status_code == 302
    release = meeting.programme_releases.get(number=2)
    assert (release.note, release.released_by) == ("Session 1 later.", staff_user)
    entry = AuditEntry.objects.get(target_type="sessions_app.programmerelease")
    assert (entry.action, entry.actor, entry.detail) == (
        AuditEntry.Action.PUBLICATION,
        staff_user,
        {"programme_version": 2, "changed": ["session-1"]},
    )
    assert (
        "Nothing has changed since the latest release."
        in client.get("/staff/programme/").content.decode()
    )


def test_a_stale_release_form_is_refused_with_an_error_and_keeps_the_note(
    client, meeting, staff_user
):
    programme_release(meeting=meeting)
    client.force_login(staff_user)
    response = client.post("/staff/programme/", {"note": "My note", "confirm_version": "2"})
    assert response.status_code == 400
    assert meeting.programme_releases.count() == 2
    content = response.content.decode()
    assert "Someone released the programme meanwhile; check the changes again." in content
    assert "My note" in content
    assert '<input type="hidden" name="confirm_version" value="3">' in content


def test_a_release_for_a_version_already_taken_is_refused(meeting):
    from django.core.exceptions import ValidationError

    programme_release(meeting=meeting, number=2)
    with pytest.raises(ValidationError) as refused:
        programme_release(meeting=meeting, number=2)
    assert refused.value.code == "stale"
    assert list(meeting.programme_releases.values_list("number", flat=True)) == [2, 1]


@pytest.mark.parametrize("n", [1, 3])
def test_staff_programme_queries_do_not_grow_with_sessions(
    client, db, staff_user, django_assert_num_queries, n
):
    meeting = MeetingFactory(slug="staff-count", is_current=True, date=datetime.date(2030, 1, 1))
    SessionFactory.create_batch(n, meeting=meeting)
    programme_release(meeting=meeting)
    for session in meeting.sessions.all():
        move(session)
    client.force_login(staff_user)
    client.get("/staff/programme/")  # the session and its user cached
    # session, user, the staff check, the meeting, the latest release (twice), the draft for
    # the table and for the preview (each with objectives and speakers), the release's sessions
    with django_assert_num_queries(13):
        response = client.get("/staff/programme/")
    assert len(response.context["changed"]) == n
