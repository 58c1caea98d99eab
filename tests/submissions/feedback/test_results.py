"""Staff read the survey's results as tables and server-side SVG charts at /staff/feedback/,
export them as CSV (formula-safe), and the summary report compiles them as a part."""

import csv
import io
import re

import pytest

from gcm_review.models import AuditEntry
from reports import services as report_services
from reports.models import Section
from sessions_app.models import Session
from submissions.feedback import selectors
from tests.html import texts
from tests.submissions.feedback.conftest import answer, participant

pytestmark = pytest.mark.django_db

SCALE = ["Very poor", "Poor", "Fair", "Good", "Excellent"]


def three_answers(meeting):
    hearing = Session.objects.get(meeting=meeting, slug="hearing")
    people = [participant(meeting, f"p{n}@example.org") for n in range(3)]
    online = participant(meeting, "online@example.org", attendance="online")
    answer(meeting, people[0], overall=5, accessibility=4, sessions={hearing.pk: 5}, comment="B")
    answer(meeting, people[1], overall=4, interpretation=2, sessions={hearing.pk: 4}, comment="A")
    answer(meeting, online, overall=2, online_experience=1)
    return hearing


def distribution(counts: list[int]) -> list[dict]:
    return [
        {"value": value, "label": label, "count": count}
        for value, label, count in zip(range(1, 6), SCALE, counts, strict=True)
    ]


def test_the_results_count_each_rating_and_average_it(survey_open):
    three_answers(survey_open)
    results = selectors.feedback_results(meeting=survey_open)
    assert (results["invited"], results["answered"]) == (0, 3)
    assert [(q["key"], q["answered"], q["average"]) for q in results["questions"]] == [
        ("overall", 3, 3.67),
        ("accessibility", 1, 4.0),
        ("interpretation", 1, 2.0),
        ("online_experience", 1, 1.0),
    ]
    assert results["questions"][0]["rows"] == distribution([0, 1, 0, 1, 1])
    hearing = results["sessions"][0]
    assert (hearing["label"], hearing["answered"], hearing["average"]) == (
        "Multi-stakeholder Hearing",
        2,
        4.5,
    )
    assert [s["answered"] for s in results["sessions"][1:]] == [0] * 7
    assert results["comments"] == ["A", "B"]  # alphabetical, not in the order they came


def test_staff_see_tables_and_a_chart_for_each_with_its_text_alternative(
    client_of, survey_open, staff_user
):
    three_answers(survey_open)
    response = client_of(staff_user).get("/staff/feedback/")
    assert response.status_code == 200
    content = response.content.decode()
    charts = re.findall(r'<svg [^>]*role="img"[^>]*aria-label="([^"]*)"', content)
    assert len(charts) == 5
    assert charts[0] == "The meeting overall: Very poor: 0; Poor: 1; Fair: 0; Good: 1; Excellent: 1"
    captions = texts(content, "caption")
    assert captions == [
        "Average rating by question",
        "The meeting overall",
        "Accessibility of the venue, the documents and the portal",
        "Interpretation",
        "Online participation",
        "Ratings by session",
    ]
    assert "<script" not in content.split("<main", 1)[1].split("</main>", 1)[0]
    assert [c for c in texts(content, "li") if c in ("A", "B")] == ["A", "B"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_staff_page_costs_the_same_queries_for_1_and_3_answers(
    client_of, survey_open, staff_user, django_assert_num_queries, count
):
    hearing = Session.objects.get(meeting=survey_open, slug="hearing")
    for number in range(count):
        person = participant(survey_open, f"p{number}@example.org")
        answer(survey_open, person, comment=f"c{number}", sessions={hearing.pk: 3})
    client = client_of(staff_user)
    with django_assert_num_queries(12):
        response = client.get("/staff/feedback/")
    assert response.context["results"]["answered"] == count


def test_staff_export_the_answers_as_csv_safe_for_spreadsheets(client_of, survey_open, staff_user):
    hearing = three_answers(survey_open)
    answer(
        survey_open,
        participant(survey_open, "formula@example.org"),
        overall=3,
        comment='=HYPERLINK("http://evil.example","click")',
    )
    response = client_of(staff_user).get("/staff/feedback/results.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:5] == [
        "The meeting overall",
        "Accessibility of the venue, the documents and the portal",
        "Interpretation",
        "Online participation",
        "Attended online",
    ]
    assert (header[5], header[-1], len(header)) == (hearing.title, "Comment", 14)
    by_comment = {row[-1]: row for row in rows[1:]}
    assert sorted(by_comment) == ["", '\'=HYPERLINK("http://evil.example","click")', "A", "B"]
    assert by_comment["B"][:6] == ["5", "4", "", "", "no", "5"]
    assert by_comment[""][:5] == ["2", "", "", "1", "yes"]
    entry = AuditEntry.objects.get(action="export")
    assert (entry.actor, entry.detail) == (staff_user, {"export": "feedback.csv"})


def test_the_summary_report_compiles_the_results_without_the_comments(survey_open, staff_user):
    three_answers(survey_open)
    report = report_services.report_get_or_create(meeting=survey_open)
    section = report.sections.get(compiled=Section.Compiled.FEEDBACK)
    assert section.title == "Feedback from participants"
    job = report_services.compile_request(
        report=report, by=staff_user, with_compendium=False, enqueue=False
    )
    version = report_services.compile_run(job_id=job.pk, worker="test")
    part = version.data["parts"]["feedback"]
    assert (part["answered"], part["questions"][0]["average"]) == (3, 3.67)
    assert "comments" not in part
    assert "3 participants answered the feedback survey (0 invited)." in version.html
    assert "Ratings by session" in version.html
