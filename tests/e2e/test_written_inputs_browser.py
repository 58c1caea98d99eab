"""In a browser: a member of the public finds Armenia's published input by a word of answer (c),
filters by objective 23, downloads its PDF and the CSV; the public pages pass axe (WCAG 2.1 AA).
"""

import csv
import io

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.submissions.conftest import deadline_open, input_make

pytestmark = pytest.mark.e2e

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def armenia(live_site, staff_user):
    """Armenia's input about diaspora bonds (c), on objective 23, and Portugal's."""
    from sessions_app.models import Meeting

    meeting = deadline_open(Meeting.objects.get(slug="unece-2024"))
    input_make(meeting, "PRT", staff=staff_user, answer_objectives={"b": [12]})
    return input_make(
        meeting,
        "ARM",
        staff=staff_user,
        answers={"c": "<p>Our <strong>diaspora bonds</strong> financed local projects.</p>"},
        answer_objectives={"c": [23]},
        cooperation={"finance": [23]},
    )


def test_a_visitor_finds_filters_and_downloads_a_written_input(page, live_site, armenia):
    page.goto(live_site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Written inputs").click()
    page.wait_for_url(live_site + "/submissions/")
    assert page.locator("main h2").all_inner_texts() == ["Armenia", "Portugal"]

    page.get_by_label("Search the answers").fill("bonds")
    page.get_by_role("button", name="Show").click()
    assert page.locator("main h2").all_inner_texts() == ["Armenia"]
    assert page.locator(".excerpt mark").all_inner_texts() == ["bonds"]

    page.get_by_label("Search the answers").fill("")
    page.get_by_label("GCM objective").select_option("23")
    page.get_by_role("button", name="Show").click()
    assert "objective=23" in page.url
    assert page.locator("main h2").all_inner_texts() == ["Armenia"]

    page.get_by_role("link", name="Armenia").click()
    assert page.locator("h1").inner_text() == "Written input of Armenia"
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as PDF").click()
    assert download.value.suggested_filename == "gcm-written-input-arm.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.goto(live_site + "/submissions/data/")
    with page.expect_download() as download:
        page.get_by_role("link", name="submissions.csv").click()
    with open(download.value.path(), encoding="utf-8-sig") as body:
        rows = list(csv.DictReader(io.StringIO(body.read())))
    assert {row["iso_alpha3"] for row in rows} == {"ARM", "PRT"}
    answer_c = next(r for r in rows if r["iso_alpha3"] == "ARM" and r["question"] == "c")
    assert answer_c["answer"] == "Our diaspora bonds financed local projects."


@pytest.mark.parametrize(
    "path",
    [
        "/submissions/",
        "/submissions/?q=bonds",
        "/submissions/{pk}/",
        "/ru/submissions/{pk}/",
        "/submissions/coverage/",
        "/submissions/data/",
    ],
)
def test_axe_finds_no_wcag_21_aa_violation_on_the_written_inputs(page, live_site, armenia, path):
    page.goto(live_site + path.format(pk=armenia.pk))
    results = Axe().run(page, options=WCAG_21_AA)
    violations = [(v["id"], len(v["nodes"])) for v in results.response["violations"]]
    assert violations == []
