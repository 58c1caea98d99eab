"""The administration's pages that staff use to run the consultations pass axe (WCAG 2.1 AA)
like the portal's own pages."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.e2e

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page) -> list[tuple[str, int, list[str]]]:
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        (v["id"], len(v["nodes"]), [n["html"][:120] for n in v["nodes"][:3]])
        for v in results.response["violations"]
    ]


@pytest.fixture
def consultation(live_site):
    from sessions_app.models import Meeting
    from submissions.models import Consultation

    start = timezone.now() + datetime.timedelta(days=10)
    return Consultation.objects.create(
        meeting=Meeting.objects.get(),
        number=1,
        title="Regional consultation with civil society",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        format="online",
    )


@pytest.fixture
def admin_page(page, live_site):
    from django.contrib.auth.models import Group

    staff = make_user("nadia@un.example.org", full_name="Nadia Staff", is_staff=True)
    staff.groups.add(Group.objects.get(name="Network staff"))
    page.goto(live_site + "/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(live_site + "/my/")
    return page


@pytest.mark.parametrize(
    "path",
    [
        "/admin/submissions/consultation/",
        "/admin/submissions/consultation/add/",
        "/admin/submissions/consultation/{pk}/change/",
        "/fr/admin/submissions/consultation/{pk}/change/",
        "/admin/submissions/consultation/{pk}/history/",
        # the same widgets and breadcrumbs on the other pages staff edit dates on
        "/admin/",
        "/admin/submissions/discussionthread/",
        "/admin/sessions_app/meeting/",
        "/admin/submissions/discussionthread/{thread}/change/",
    ],
)
def test_the_consultation_admin_pages_pass_axe(admin_page, live_site, consultation, path):
    from submissions.models import DiscussionThread

    thread = DiscussionThread.objects.first()
    url = path.format(pk=consultation.pk, thread=thread.pk)
    response = admin_page.goto(live_site + url)
    assert (response.status, admin_page.locator("#site-name").count()) == (200, 1)
    assert violations(admin_page) == []
