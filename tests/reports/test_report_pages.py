"""The report as people read it in the portal: the page speaks the reader's language, the
report itself (compiled in English) is English throughout and marked so."""

import datetime
import re

import pytest
from django.utils import timezone

from reports import circulation, services
from tests.html import texts
from tests.reports.test_compile import compile_now


@pytest.fixture
def published(review_data, staff_user):
    report = services.report_get_or_create(meeting=review_data)
    version = compile_now(report, by=staff_user)
    circulation.report_status_set(
        report=report, status="final", version=version, confirm_empty=True
    )
    circulation.report_status_set(report=report, status="published", confirm_empty=True)
    return report


def report_body(content: str) -> str:
    start = content.index('<div class="report-web" lang="en">')
    return content[start : content.index("</main>", start)]


@pytest.mark.parametrize(
    "path, chrome",
    [
        ("/fr/report/", "Rapport de synthèse"),
        ("/ru/report/", "Краткий доклад"),
    ],
)
def test_the_published_report_is_english_throughout_under_a_translated_page(
    client, published, path, chrome
):
    content = client.get(path).content.decode()
    assert texts(content, "h1") == [chrome]
    assert '<p class="lead" lang="en">Summary report of the ' in content
    assert '<ol lang="en"><li><a href="#' in content
    body = report_body(content)
    captions = texts(body, "caption")
    assert "Written inputs by subregion" in captions
    assert "Accredited participants by category" in captions
    assert texts(body, "th")[:2] == ["Category", "Participants"]
    # the states and subregions of an English report stay English, inside lang="en"
    assert re.search(r"<th scope=\"row\">Central Asia</th><td class=\"number\">1</td>", body)


def test_the_page_says_the_report_is_in_english_only_in_french_and_russian(client, published):
    note = "The summary report is written in English"
    assert note not in client.get("/report/").content.decode()
    french = texts(client.get("/fr/report/").content, "p")
    assert [p for p in french if p.startswith("Le rapport de synthèse est rédigé en anglais")] != []


def test_focal_points_read_the_circulated_draft_english_under_their_language(
    client_of, review_data, staff_user, focal_point_a
):
    report = services.report_get_or_create(meeting=review_data)
    version = compile_now(report, by=staff_user)
    circulation.version_circulate(
        version=version,
        by=staff_user,
        comments_close_at=timezone.now() + datetime.timedelta(days=10),
    )
    content = client_of(focal_point_a).get("/ru/my/report/").content.decode()
    assert texts(content, "h1") == ["Проект краткого доклада"]
    assert '<span lang="en">Summary report of the ' in content
    assert '<select name="section" lang="en"' in content
    assert "Written inputs by subregion" in texts(report_body(content), "caption")
