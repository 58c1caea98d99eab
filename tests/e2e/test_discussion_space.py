"""In a browser: a stakeholder posts to the thread on thematic session 3 in Russian; staff
approve it and it shows to the public; staff record the session 3 key points on the day; and
/staff/inputs/ filtered by objective 16 shows both. The Discussion Space pages pass axe."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.e2e

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
RUSSIAN = "Нужны легальные пути для трудовых мигрантов и признание их квалификаций."
KEY_POINT = "Local authorities lead on the inclusion of migrants."


def axe_violations(page):
    results = Axe().run(page, options=WCAG_21_AA)
    return [(v["id"], len(v["nodes"])) for v in results.response["violations"]]


def sign_in(browser, site, email, locale="en-GB", prefix=""):
    page = browser.new_context(locale=locale).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{site}{prefix}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{site}{prefix}/my/")
    return page


@pytest.fixture
def open_site(live_site):
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from registration.models import StakeholderCategory
    from submissions.models import DiscussionThread

    now = timezone.now()
    DiscussionThread.objects.update(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30)
    )
    make_user(
        "irina@example.org",
        full_name="Ирина Петрова",
        organisation="Migrant Forum",
        stakeholder_category=StakeholderCategory.objects.get(slug="civil_society"),
        preferred_language="ru",
    )
    staff = make_user("nadia@un.example.org", full_name="Nadia Staff", is_staff=True)
    staff.groups.add(Group.objects.get(name="Network staff"))
    return live_site


def test_russian_post_approved_key_points_recorded_both_among_inputs(browser, open_site):
    site = open_site

    # A stakeholder posts to the thread on session 3, in Russian.
    person = sign_in(browser, site, "irina@example.org", locale="ru-RU", prefix="/ru")
    person.goto(site + "/ru/discussion/")
    assert axe_violations(person) == []
    person.locator("main a[href='/ru/discussion/session-3/']").click()
    person.wait_for_url(site + "/ru/discussion/session-3/")
    assert person.locator("h1").inner_text() == "Тематическое заседание 3"
    assert axe_violations(person) == []
    person.fill("#new-post-text", RUSSIAN)
    person.select_option("#new-post-language", "ru")
    person.locator("#new-post-text").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).click()
    person.wait_for_load_state()
    post = person.locator("main article.post").first
    assert post.locator(".post-text").inner_text() == RUSSIAN
    assert post.locator(".post-text").get_attribute("lang") == "ru"
    assert post.get_attribute("class") == "post post-pending"  # seen by its author only

    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(site + "/discussion/session-3/")
    assert visitor.locator("main .post-text").count() == 0

    # Staff approve it.
    desk = sign_in(browser, site, "nadia@un.example.org")
    desk.goto(site + "/staff/moderation/")
    assert desk.locator("#count-pending").inner_text() == "1"
    assert axe_violations(desk) == []
    desk.get_by_role("button", name="Approve and publish").click()
    desk.wait_for_load_state()
    assert desk.locator("#count-pending").inner_text() == "0"

    # It shows to the public.
    visitor.goto(site + "/discussion/session-3/")
    assert visitor.locator("main .post-text").all_inner_texts() == [RUSSIAN]
    assert axe_violations(visitor) == []
    visitor.goto(site + "/discussion/")
    assert axe_violations(visitor) == []

    # Staff record the session 3 key points on the day.
    desk.goto(site + "/staff/session-records/session-3/")
    assert axe_violations(desk) == []
    desk.get_by_label("Key point").check()
    desk.get_by_role("textbox", name="Text").fill(KEY_POINT)
    desk.get_by_label(re.compile(r"^16\. ")).check()
    desk.get_by_label("Raised by a Member State").select_option(label="Portugal")
    desk.get_by_role("button", name="Record", exact=True).click()
    desk.wait_for_load_state()
    assert desk.locator("main tbody tr td").nth(1).inner_text().startswith(KEY_POINT)

    # /staff/inputs/ filtered by objective 16 shows both.
    desk.goto(site + "/staff/inputs/")
    desk.select_option("main select[name=objective]", "16")
    desk.get_by_role("button", name="Filter").click()
    desk.wait_for_url(site + "/staff/inputs/?objective=16&session=&kind=")
    assert desk.locator("main table.inputs blockquote").all_inner_texts() == [KEY_POINT, RUSSIAN]
    assert axe_violations(desk) == []
