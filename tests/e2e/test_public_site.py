import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.e2e

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_visitor_switches_to_russian_and_finds_the_thematic_sessions(page, live_site):
    page.goto(live_site + "/")
    page.get_by_role("link", name="Русский").click()
    page.wait_for_url(live_site + "/ru/")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.get_by_role("navigation", name="Основная навигация").get_by_role(
        "link", name="Программа"
    ).click()
    page.wait_for_url(live_site + "/ru/programme/")
    headings = page.locator("main h2").all_inner_texts()
    assert [h for h in headings if h.startswith("Тематическое заседание")] == [
        "Тематическое заседание 1",
        "Тематическое заседание 2",
        "Тематическое заседание 3",
        "Тематическое заседание 4",
    ]


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, live_site):
    page.goto(live_site + "/programme/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


@pytest.mark.parametrize("path", ["/", "/programme/", "/objectives/", "/ru/", "/fr/programme/"])
def test_axe_finds_no_wcag_21_aa_violation(page, live_site, path):
    page.goto(live_site + path)
    results = Axe().run(page, options=WCAG_21_AA)
    violations = [(v["id"], len(v["nodes"])) for v in results.response["violations"]]
    assert violations == []
