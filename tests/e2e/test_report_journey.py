"""In a browser, with a real Celery worker: staff write, compile, circulate; a focal point
comments; staff address it, compile again and publish; the public downloads the report."""

import datetime
import re

import pytest
from django.utils import timezone

from registration.models import FocalPoint, MemberState
from tests.conftest import PASSWORD, make_user
from tests.reports.test_worker import Worker, broker  # noqa: F401 - fixture

pytestmark = [pytest.mark.e2e, pytest.mark.worker]


@pytest.fixture
def worker(broker, settings):  # noqa: F811
    process = Worker(settings.MEDIA_ROOT)
    yield process
    process.stop()


def sign_in(page, site, email):
    page.goto(site + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(site + "/my/")


def write_section(page, site, title, text):
    page.goto(site + "/staff/report/")
    page.get_by_role("link", name=title, exact=True).click()
    editor = page.locator(".rich-text-editor")
    editor.click()
    editor.fill(text)
    page.get_by_role("button", name="Save the section").click()
    assert page.locator(".message").first.inner_text() == "The section has been saved."


def compile_and_wait(page, site):
    page.goto(site + "/staff/report/")
    page.get_by_role("button", name="Compile", exact=True).click()
    page.wait_for_url(re.compile(r".*/staff/report/jobs/\d+/$"))
    page.get_by_role("link", name=re.compile(r"Download version \d+ \(PDF\)")).wait_for(
        timeout=120_000
    )


def test_report_from_first_draft_to_publication(browser, live_site, worker):
    from django.contrib.auth.models import Group

    staff = make_user("nadia@un.example.org", full_name="Nadia Staff", is_staff=True)
    staff.groups.add(Group.objects.get(name="Network staff"))
    armenia = MemberState.objects.get(iso_alpha3="ARM")
    focal = make_user("anahit@mfa.example.am", full_name="Anahit Focal", delegation=armenia)
    FocalPoint.objects.create(user=focal, member_state=armenia, status="verified")

    desk = browser.new_context(accept_downloads=True).new_page()
    sign_in(desk, live_site, staff.email)
    write_section(desk, live_site, "Introduction and mandate", "The review took stock.")
    write_section(desk, live_site, "Regional trends", "Migration in the region grew.")

    compile_and_wait(desk, live_site)
    assert desk.locator("[data-field=percent]").inner_text() == "100"
    with desk.expect_download() as download:
        desk.get_by_role("link", name="Download version 1 (PDF)").click()
    assert download.value.suggested_filename == "gcm-regional-review-summary-report-v1.pdf"

    desk.goto(live_site + "/staff/report/")
    closes = (timezone.now() + datetime.timedelta(days=7)).astimezone(
        datetime.timezone(datetime.timedelta(hours=1))
    )
    form = desk.locator("form[action$='/circulate/']").first
    form.locator("input[type=datetime-local]").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_role("button", name="Circulate").click()
    assert desk.locator(".message").first.inner_text() == (
        "Version 1 is circulated to Member States."
    )

    state = browser.new_context().new_page()
    sign_in(state, live_site, focal.email)
    state.goto(live_site + "/my/report/")
    state.select_option("select[name=section]", label="Speakers")
    state.fill("textarea[name=body]", "Please name the keynote speakers' ministries.")
    state.get_by_role("button", name="Send the comment").click()
    assert state.locator(".message").first.inner_text() == (
        "Thank you: your comment has been sent to the Network."
    )

    desk.goto(live_site + "/staff/report/comments/")
    assert desk.locator("main h2").first.inner_text() == "Speakers"
    desk.get_by_label("Addressed").check()
    desk.get_by_role("button", name="Save").click()
    compile_and_wait(desk, live_site)
    desk.goto(live_site + "/staff/report/")
    desk.get_by_role("button", name="Mark version 2 as final").click()
    # eight narrative sections are still empty: staff are asked, the list names them
    assert desk.locator("main h1").inner_text() == "Mark final with empty sections?"
    assert desk.locator("main ul[lang=en] li").count() == 8
    desk.get_by_role("button", name="Mark version 2 as final anyway").click()
    desk.get_by_role("button", name="Publish version 2").click()
    desk.get_by_role("button", name="Publish version 2 anyway").click()
    assert desk.locator(".message").first.inner_text() == "The report is now: Published."

    public = browser.new_context(accept_downloads=True).new_page()
    public.goto(live_site + "/report/")
    assert public.locator(
        "main h2#section-1-title, main .report-section h2"
    ).first.inner_text() == ("1. Introduction and mandate")
    with public.expect_download() as download:
        public.get_by_role("link", name="Download the report (PDF)").click()
    assert download.value.suggested_filename == "gcm-regional-review-summary-report-v2.pdf"
