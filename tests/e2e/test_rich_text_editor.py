"""The rich-text editor of our own: it replaces the answer boxes, keeps them labelled and
accessible, and what is typed with it is saved (sanitised) on the server."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from registration.models import FocalPoint, MemberState
from sessions_app.models import KeyDate, Meeting
from submissions.models import Submission
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.e2e
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def focal_point_drafting(page, live_site) -> None:
    """Armenia's focal point, signed in, on the draft page while the deadline is ahead."""
    Meeting.objects.get().key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
        at=timezone.now() + datetime.timedelta(days=3)
    )
    armenia = MemberState.objects.get(iso_alpha3="ARM")
    focal = make_user("anahit@mfa.example.am", full_name="Anahit Focal", delegation=armenia)
    FocalPoint.objects.create(user=focal, member_state=armenia, status="verified")
    page.goto(live_site + "/accounts/login/")
    page.fill("input[name=login]", focal.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.goto(live_site + "/my/submission/")


def test_focal_point_writes_an_answer_with_the_editor(page, live_site):
    focal_point_drafting(page, live_site)
    assert page.locator(".rich-text-toolbar").count() == 5
    assert page.locator("textarea.rich-text:visible").count() == 0
    results = Axe().run(page, options=WCAG_21_AA)
    assert [(v["id"], len(v["nodes"])) for v in results.response["violations"]] == []

    editor = page.get_by_role("textbox", name="Answer to question (c):")
    editor.click()
    page.keyboard.type("We share good practices")
    page.keyboard.press("Control+A")
    page.locator(".rich-text-toolbar").nth(2).get_by_role("button", name="Bold").click()
    page.get_by_role("button", name="Save the draft").click()
    assert page.locator(".message").first.inner_text() == "Your written input has been saved."
    answer = Submission.objects.get().answers.get(question__letter="c")
    assert answer.text_plain == "We share good practices"
    assert answer.text == "<b>We share good practices</b>"


def test_text_sent_back_with_an_error_is_shown_cleaned_in_the_editor(page, live_site):
    """A stale save (409) shows the author's text again; markup the server would not keep
    never becomes live in the editor, even in the author's own browser."""
    focal_point_drafting(page, live_site)

    hostile = (
        '<p>Kept <a href="javascript:alert(1)">words</a></p>'
        '<img src="/static/x.png" onerror="window.hit=1"><script>window.hit=2</script>'
    )
    page.evaluate(
        """(html) => {
            const answer = document.querySelector("textarea[name=answer_c]");
            answer.value = html;
            answer.form.querySelector("input[name=version]").value = "0";
        }""",
        hostile,
    )
    page.get_by_role("button", name="Save the draft").click()
    editor = page.get_by_role("textbox", name="Answer to question (c):")
    assert editor.inner_text() == "Kept words"
    assert editor.evaluate("e => e.innerHTML") == "<p>Kept <a>words</a></p>"
    assert page.evaluate("() => window.hit === undefined") is True
