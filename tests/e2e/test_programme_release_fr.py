"""In a browser, in French: staff release a change of the programme; a participant sees it
on /fr/programme/changes/ and in their mail, and the calendar file read again shows the new
time under the same UID with a higher SEQUENCE. axe finds no WCAG 2.1 AA violation on the staff
page and the changes page."""

import datetime

import icalendar
import pytest

from tests.conftest import PASSWORD, make_user
from tests.e2e.test_speaker_selection import axe_violations

pytestmark = pytest.mark.e2e

UID = "unece-2024-session-2@gcm-regional-review"


def french_page(browser, site, email):
    page = browser.new_context(locale="fr-FR").new_page()
    page.set_default_timeout(15_000)
    page.goto(site + "/fr/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(site + "/fr/my/")
    return page


def session_2_event(page, site):
    response = page.request.get(site + "/fr/programme.ics")
    assert response.status == 200
    calendar = icalendar.Calendar.from_ical(response.body())
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}[UID]


@pytest.fixture
def people(live_site):
    from django.contrib.auth.models import Group

    from registration.models import Registration
    from sessions_app.models import Meeting

    meeting = Meeting.objects.get(slug="unece-2024")
    staff = make_user(
        "nadia@un.example.org", full_name="Nadia Staff", is_staff=True, preferred_language="fr"
    )
    staff.groups.add(Group.objects.get(name="Network staff"))
    participant = make_user(
        "claire@example.org", full_name="Claire Dupont", preferred_language="fr"
    )
    Registration.objects.create(
        meeting=meeting,
        user=participant,
        parts=Registration.Parts.CONFERENCE,
        attendance=Registration.Attendance.ONLINE,
        status=Registration.Status.APPROVED,
    )
    return live_site


def test_in_french_staff_release_a_new_time_and_the_participant_sees_it_everywhere(browser, people):
    from gcm_review.models import OutgoingEmail
    from sessions_app.models import Session

    site = people
    participant = french_page(browser, site, "claire@example.org")
    before = session_2_event(participant, site)

    # Staff move thematic session 2 by an hour in the draft: the public sees nothing yet.
    session = Session.objects.get(meeting__slug="unece-2024", slug="session-2")
    new_start = session.starts_at + datetime.timedelta(hours=1)
    Session.objects.filter(pk=session.pk).update(
        starts_at=new_start, ends_at=session.ends_at + datetime.timedelta(hours=1)
    )
    assert session_2_event(participant, site).decoded("dtstart") == before.decoded("dtstart")

    staff = french_page(browser, site, "nadia@un.example.org")
    staff.goto(site + "/fr/staff/programme/")
    preview = staff.get_by_role("region", name="Ce que la publication changerait")
    assert "Nouvel horaire" in preview.inner_text()
    assert axe_violations(staff) == []
    staff.get_by_label("Note :", exact=True).fill(
        "La session thématique 2 commence une heure plus tard."
    )
    staff.get_by_role("button", name="Publier le programme").click()
    staff.wait_for_url(site + "/fr/staff/programme/")
    assert staff.locator(".messages").inner_text() == "La version 2 du programme est publiée."

    participant.goto(site + "/fr/programme/changes/")
    assert axe_violations(participant) == []
    version = participant.locator("#version-2-section")
    assert version.locator("h2").inner_text() == "Version 2"
    text = version.inner_text()
    assert "La session thématique 2 commence une heure plus tard." in text
    assert "Nouvel horaire: 11 mars 2024, 12:45–14:00 (auparavant 11 mars 2024, 11:45–13:00)" in (
        text
    )

    mail = OutgoingEmail.objects.get(to="claire@example.org")
    assert mail.subject.endswith("Le programme a changé (version 2)")
    assert "Session thématique 2" in mail.body
    assert "Nouvel horaire: 11 mars 2024, 12:45–14:00" in mail.body

    after = session_2_event(participant, site)
    assert str(after["uid"]) == UID
    assert after.decoded("dtstart") == new_start
    assert int(after["sequence"]) > int(before["sequence"])
