"""The site's Content-Security-Policy as Chromium enforces it: no page of ours, the CSRF
failure page included, makes the browser refuse anything (an inline style, a `data:` icon)."""

import pytest

pytestmark = pytest.mark.e2e

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def watched(page) -> list[str]:
    """The violations the browser reports on the console, from now on."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)
    return console


def violations(page, console) -> list[str]:
    page.wait_for_load_state("networkidle")
    return console + page.evaluate("window.__violations")


@pytest.mark.parametrize("path", ["/", "/programme/", "/fr/documents/", "/ru/accounts/login/"])
def test_pages_break_nothing_of_the_policy_and_show_our_icon(page, live_site, path):
    console = watched(page)
    page.goto(live_site + path)
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    status = page.evaluate("async (url) => (await fetch(url)).status", icon)
    assert (violations(page, console), icon, status) == ([], "/static/img/favicon.svg", 200)


def test_a_form_sent_without_its_cookie_gets_our_page_within_the_policy(page, live_site):
    console = watched(page)
    page.goto(live_site + "/accounts/login/")
    page.context.clear_cookies()
    page.get_by_label("Email").fill("someone@example.org")
    page.get_by_label("Password").fill("a password of someone")
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    assert (page.locator("h1").inner_text(), violations(page, console)) == (
        "The form could not be sent",
        [],
    )
