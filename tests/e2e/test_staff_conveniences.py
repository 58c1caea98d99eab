"""In a browser: staff's conveniences work as people use them."""

import pytest

from registration.models import Registration
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.e2e


def staff_signed_in(page, site):
    from django.contrib.auth.models import Group

    staff = make_user("nadia@un.example.org", full_name="Nadia Staff", is_staff=True)
    staff.groups.add(Group.objects.get(name="Network staff"))
    page.goto(site + "/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(site + "/my/")
    return staff


def test_select_all_ticks_every_registration_and_approves_them(page, live_site):
    from sessions_app.models import Meeting

    meeting = Meeting.objects.get()
    for i in range(3):
        Registration.objects.create(
            meeting=meeting,
            user=make_user(f"p{i}@example.org", full_name=f"Person {i}"),
            parts="both",
            attendance="online",
            consent_privacy=True,
        )
    staff_signed_in(page, live_site)
    page.goto(live_site + "/staff/registrations/")
    rows = page.locator("input[name=registrations]")
    select_all = page.locator("#select-all")
    select_all.check()
    assert [rows.nth(i).is_checked() for i in range(3)] == [True] * 3
    rows.nth(0).uncheck()  # one left out: "all" is no longer true
    assert (select_all.is_checked(), select_all.evaluate("box => box.indeterminate")) == (
        False,
        True,
    )
    rows.nth(0).check()
    assert select_all.is_checked()
    page.check("input[name=action][value=approve]")
    page.get_by_role("button", name="Apply to the selected registrations").click()
    assert page.locator(".message").first.inner_text() == "3 registrations updated."
    assert list(Registration.objects.values_list("status", flat=True)) == ["approved"] * 3


def test_a_finished_compile_says_so_and_its_page_stays_still(page, live_site):
    from reports import services
    from sessions_app.models import Meeting

    report = services.report_get_or_create(meeting=Meeting.objects.get())
    job = services.compile_request(report=report, by=None, with_compendium=False, enqueue=False)
    services.compile_run(job_id=job.pk, worker="test")
    staff_signed_in(page, live_site)
    loads = []
    page.on("load", lambda _page: loads.append(1))
    page.goto(live_site + f"/staff/report/jobs/{job.pk}/")
    page.wait_for_timeout(3500)  # the script polls after 1 s: a done job is not followed
    assert loads == [1]
    assert page.locator("main h1").inner_text() == "The report is compiled: version 1"
    assert page.title().startswith("The report is compiled: version 1")
    assert page.locator("[data-field=status_label]").inner_text() == "Done"
