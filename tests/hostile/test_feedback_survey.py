"""Hostile text through the feedback survey's one free-text field: every payload of
payloads/xss.txt comes out inert on the staff results page, every payload of
payloads/formula.txt comes out of the CSV export as a cell no spreadsheet runs, and an
overlong comment is a form error that keeps nothing."""

import csv
import io

import pytest
from django.test import Client

from submissions.feedback.models import COMMENT_MAX_CHARS, FeedbackResponse
from tests.hostile._payload_lines import payloads
from tests.hostile._xss_helpers import page_problems, shown_text, squeeze
from tests.hostile.test_formula_injection import neutralised
from tests.submissions.feedback.conftest import participant, window_set

pytestmark = pytest.mark.django_db

XSS = [case.payload for case in payloads("xss.txt")]
FORMULA = [case.payload for case in payloads("formula.txt")]


@pytest.fixture
def survey_open(meeting):
    window_set(meeting, opened_days_ago=1, closes_in_days=10)
    return meeting


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def comment_groups(texts: list[str], limit: int = COMMENT_MAX_CHARS) -> list[str]:
    """The payloads joined into as few comments as fit; a plain field is escaped as a whole."""
    found, members = [], []
    for text in texts:
        if members and len("\n".join([*members, text])) > limit:
            found.append("\n".join(members))
            members = []
        members.append(text)
    return [*found, "\n".join(members)]


def answered_by_many(meeting, comments: list[str]) -> None:
    for number, comment in enumerate(comments):
        person = participant(meeting, f"hostile{number}@example.org")
        response = signed_in(person).post("/feedback/", {"overall": "3", "comment": comment})
        assert response.status_code == 302, comment[:80]


def test_comments_are_text_on_the_staff_results_page(survey_open, staff_user):
    answered_by_many(survey_open, comment_groups(XSS))
    content = signed_in(staff_user).get("/staff/feedback/").content.decode()
    assert page_problems(content) == []
    seen = shown_text(content)
    assert [text[:60] for text in XSS if squeeze(text) not in seen] == []
    assert [text[:60] for text in XSS if "<" in text and text in content] == []


def test_comments_come_out_of_the_export_as_cells_no_spreadsheet_runs(survey_open, staff_user):
    answered_by_many(survey_open, FORMULA)
    response = signed_in(staff_user).get("/staff/feedback/results.csv")
    cells = sorted(row[-1] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    stored = FeedbackResponse.objects.values_list("comment", flat=True)
    expected = sorted(["Comment", *(neutralised(text) for text in stored)])
    assert cells == expected


def test_an_overlong_comment_is_a_form_error_and_nothing_is_kept(survey_open):
    person = participant(survey_open, "long@example.org")
    response = signed_in(person).post(
        "/feedback/", {"overall": "3", "comment": "x" * (COMMENT_MAX_CHARS + 1)}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["comment"]
    assert FeedbackResponse.objects.count() == 0
