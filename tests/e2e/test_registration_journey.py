"""In a browser, in French: a stakeholder signs up, registers for the Hearing, staff approve,
the stakeholder finds the Logistics Note, and staff see the balance counts change."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.e2e

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def open_site(live_site):
    import datetime

    from django.utils import timezone

    from sessions_app.models import KeyDate, Meeting

    meeting = Meeting.objects.get(slug="unece-2024")
    now = timezone.now()
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_OPENS).update(
        at=now - datetime.timedelta(days=1)
    )
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_CLOSES).update(
        at=now + datetime.timedelta(days=30)
    )
    return live_site


def submit(page):
    page.locator("main form button[type=submit]").last.click()


def axe_violations(page):
    results = Axe().run(page, options=WCAG_21_AA)
    return [(v["id"], len(v["nodes"])) for v in results.response["violations"]]


def test_french_stakeholder_registers_and_staff_approve(browser, open_site):
    from django.contrib.auth.models import Group

    staff = make_user("nadia@un.example.org", full_name="Nadia Staff", is_staff=True)
    staff.groups.add(Group.objects.get(name="Network staff"))

    person = browser.new_context(locale="fr-FR").new_page()
    person.goto(open_site + "/fr/accounts/signup/")
    assert axe_violations(person) == []
    person.fill("input[name=email]", "amira@example.org")
    person.fill("input[name=password1]", PASSWORD + "!x")
    person.fill("input[name=password2]", PASSWORD + "!x")
    person.fill("input[name=full_name]", "Amira Haddad")
    person.select_option("select[name=preferred_language]", "fr")
    submit(person)
    person.wait_for_url(re.compile(r".*/fr/accounts/confirm-email/$"))
    assert person.locator("main h2").inner_text() == "Pas d'e-mail ?"
    assert axe_violations(person) == []

    link = re.search(r"https?://\S+/fr/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    person.goto(link)
    submit(person)
    person.wait_for_url(open_site + "/fr/my/")

    person.goto(open_site + "/fr/register/")
    assert axe_violations(person) == []
    person.fill("input[name='profile-organisation']", "Réseau des migrantes")
    person.select_option("select[name='profile-stakeholder_category']", label="Société civile")
    person.check("input[name='registration-parts'][value=hearing]")
    person.check("input[name='registration-attendance'][value=in_person]")
    person.check("input[name='registration-consent_privacy']")
    submit(person)
    person.wait_for_url(open_site + "/fr/my/")
    assert person.locator("main .status").first.inner_text() == "En attente"

    desk = browser.new_context(locale="fr-FR").new_page()
    desk.goto(open_site + "/fr/accounts/login/")
    desk.fill("input[name=login]", "nadia@un.example.org")
    desk.fill("input[name=password]", PASSWORD)
    submit(desk)
    desk.goto(open_site + "/fr/staff/registrations/")
    assert axe_violations(desk) == []
    approved_before = desk.locator("table.table").first.locator("tbody td.number").nth(1)
    assert approved_before.inner_text() == "0"
    desk.get_by_label("Amira Haddad").check()
    desk.check("input[name=action][value=approve]")
    submit(desk)
    desk.wait_for_load_state()
    approved_after = desk.locator("table.table").first.locator("tbody td.number").nth(1)
    assert approved_after.inner_text() == "1"

    person.goto(open_site + "/fr/my/")
    person.locator("main a[href='/fr/my/logistics/']").click()
    assert person.locator("h1").inner_text() == "Note logistique"
    assert "Palais des Nations" in person.locator("main").inner_text()
