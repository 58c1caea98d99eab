"""In a browser: a focal point offers a keynote speaker for thematic session 2, a stakeholder
applies as its moderator, staff select both and send the outcome, both confirm, and session
2's page shows them once staff release the programme. axe finds no WCAG 2.1 AA violation on
/apply/ and /staff/selection/."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PASSWORD, make_user
from tests.pdfs import pdf_document

pytestmark = pytest.mark.e2e

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PDF = pdf_document()


def axe_violations(page):
    results = Axe().run(page, options=WCAG_21_AA)
    return [(v["id"], len(v["nodes"])) for v in results.response["violations"]]


def signed_in(browser, site, email):
    page = browser.new_context(locale="en-GB").new_page()
    page.set_default_timeout(15_000)
    page.goto(site + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(site + "/my/")
    return page


@pytest.fixture
def people(live_site):
    from django.contrib.auth.models import Group

    from registration.models import FocalPoint, MemberState, StakeholderCategory
    from sessions_app.models import Meeting
    from tests.registration.speakers import calls_open

    calls_open(Meeting.objects.get(slug="unece-2024"))
    armenia = MemberState.objects.get(iso_alpha3="ARM")
    focal = make_user("anahit@mfa.example.am", full_name="Anahit Focal", delegation=armenia)
    FocalPoint.objects.create(user=focal, member_state=armenia, status=FocalPoint.Status.VERIFIED)
    make_user(
        "sofia@example.org",
        full_name="Sofia Rossi",
        organisation="Migrant Voices",
        stakeholder_category=StakeholderCategory.objects.get(slug="civil_society"),
        country=MemberState.objects.get(iso_alpha3="ITA"),
        gender="woman",
    )
    staff = make_user("nadia@un.example.org", full_name="Nadia Staff", is_staff=True)
    staff.groups.add(Group.objects.get(name="Network staff"))
    return live_site


def test_keynote_speaker_and_moderator_of_session_2_are_selected_confirm_and_appear(
    browser, people
):
    site = people

    # The focal point of Armenia offers a keynote speaker for thematic session 2.
    focal = signed_in(browser, site, "anahit@mfa.example.am")
    focal.goto(site + "/apply/")
    assert axe_violations(focal) == []
    focal.get_by_role("link", name="Express interest: Keynote speaker").click()
    focal.wait_for_url(site + "/apply/keynote/")
    focal.get_by_label("Thematic session 2").check()
    focal.get_by_label("Name of the speaker").fill("H.E. Ms Lilit Sargsyan")
    focal.get_by_label("Title or position").fill("Deputy Minister of Labour")
    focal.get_by_label("Woman").check()
    focal.get_by_label("What would the speaker present?").fill("Labour mobility in Armenia.")
    focal.get_by_role("button", name="Send my expression of interest").click()
    focal.wait_for_url(site + "/apply/")
    assert (
        "your expression of interest has been received" in focal.locator(".messages").inner_text()
    )

    # A stakeholder applies as moderator of the same session, with a CV.
    person = signed_in(browser, site, "sofia@example.org")
    person.goto(site + "/apply/")
    person.get_by_role("link", name="Express interest: Moderator").click()
    person.wait_for_url(site + "/apply/moderator/")
    assert axe_violations(person) == []
    person.get_by_label("Thematic session 2").check()
    person.get_by_label("Motivation").fill("I moderate dialogues between migrants and states.")
    person.get_by_label("Your expertise across the session's GCM objectives").fill(
        "Objectives 8 and 21."
    )
    person.get_by_label("CV (PDF, up to 10 MB)").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    person.get_by_role("button", name="Send my expression of interest").click()
    person.wait_for_url(site + "/apply/")

    # Staff select both and send the outcomes.
    desk = signed_in(browser, site, "nadia@un.example.org")
    desk.goto(site + "/staff/selection/")
    assert axe_violations(desk) == []
    desk.locator("#slot-keynote-2").get_by_role(
        "button", name="Select H.E. Ms Lilit Sargsyan"
    ).click()
    desk.wait_for_url(site + "/staff/selection/#slot-keynote-2")
    desk.locator("#slot-moderator-2").get_by_role("button", name="Select Sofia Rossi").click()
    desk.wait_for_url(site + "/staff/selection/#slot-moderator-2")
    gender = desk.locator("table.balance-gender tbody tr").first
    assert gender.inner_text().split() == ["Woman", "2"]
    desk.locator("#slot-keynote-2").get_by_role("button", name="Send the outcome").click()
    desk.wait_for_url(site + "/staff/selection/#slot-keynote-2")
    desk.locator("#slot-moderator-2").get_by_role("button", name="Send the outcome").click()
    desk.wait_for_url(site + "/staff/selection/#slot-moderator-2")
    assert axe_violations(desk) == []

    # Both confirm on their page.
    for page in (focal, person):
        page.goto(site + "/my/")
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_url(site + "/my/")
        assert "Thank you for confirming" in page.locator(".messages").inner_text()

    # Staff release the programme; session 2's page shows them.
    desk.goto(site + "/staff/programme/")
    desk.get_by_role("button", name="Release the programme").click()
    desk.wait_for_url(site + "/staff/programme/")
    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(site + "/programme/session-2/")
    assert visitor.locator("ul.speakers li").all_inner_texts() == [
        "Keynote speaker: H.E. Ms Lilit Sargsyan, Deputy Minister of Labour (Armenia)",
        "Moderator: Sofia Rossi, Migrant Voices",
    ]
    assert axe_violations(visitor) == []
