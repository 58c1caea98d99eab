"""On a phone and on a laptop: every page of the portal, in English, French and Russian, for
the visitor, a stakeholder, a focal point and Network staff, fits a 360 px wide screen without
the page itself scrolling sideways; the header and the navigation leave most of a 390 px
screen to the page, the menu opens and closes by keyboard, and at 1280 px the navigation is
one row.

The pages and people are the permission matrix's (``tests/test_permissions_matrix.py``):
every portal and allauth row a role gets 200 for, with the matrix's world (committed here, so
the live server sees it). Downloads (PDF, CSV, JSON, iCalendar, files) are not pages and are
left out, as is the Django admin (its own stylesheet)."""

import pytest
from django.conf import settings
from django.test import override_settings

from gcm_review.celery import app as celery_app
from tests.test_permissions_matrix import (
    ALLAUTH,
    ANONYMOUS,
    FOCAL_A,
    MATRIX,
    ROLES,
    STAFF,
    STAKEHOLDER,
    _build_world,
    path_of,
)

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
LANGUAGES = ("", "/fr", "/ru")
WALKERS = (ANONYMOUS, STAKEHOLDER, FOCAL_A, STAFF)
# At 390 x 844 (a common phone), the header with its closed menu takes at most this share.
HEADER_SHARE = 0.25

WIDTH_SCRIPT = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
    .filter((el) => !el.closest('.table-scroll, .visually-hidden, .skip-link'))
    .slice(0, 3)
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
  return [root.scrollWidth, wide];
}"""


@pytest.fixture
def world(transactional_db, live_server, tmp_path):
    """The permission matrix's world, committed; its roles' sessions as cookies."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        with override_settings(
            MEDIA_ROOT=tmp_path / "media",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ):
            built = _build_world()
            built["site"] = live_server.url
            yield built
    finally:
        celery_app.conf.task_always_eager = eager


def pages_for(role: str, world: dict) -> list[str]:
    """The paths of every portal and allauth row ``role`` gets 200 for by GET."""
    column = ROLES.index(role)
    return [
        path_of(entry, world)
        for entry in MATRIX + ALLAUTH
        if entry.GET[column] == 200 and entry.name != "health"
    ]


def context_for(browser, world: dict, role: str, viewport: dict):
    context = browser.new_context(viewport=viewport, locale="en-GB")
    session = world["sessions"][role]
    if session:
        cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": world["site"]}
        context.add_cookies([cookie])
    return context


def test_every_page_fits_a_360_px_screen_in_every_language(browser, world):
    too_wide, walked = [], 0
    for role in WALKERS:
        context = context_for(browser, world, role, PHONE)
        page = context.new_page()
        for path in pages_for(role, world):
            for prefix in LANGUAGES:
                url = world["site"] + prefix + path
                if "text/html" not in context.request.head(url).headers["content-type"]:
                    continue  # a download
                page.goto(url)
                walked += 1
                width, wide = page.evaluate(WIDTH_SCRIPT)
                if width > PHONE["width"]:
                    too_wide.append(f"{role} {prefix}{path}: {width} px {wide}")
        context.close()
    assert walked > 200
    assert too_wide == [], "pages wider than the screen:\n" + "\n".join(too_wide)


def header_height(page) -> float:
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_phone_header_is_compact_and_its_menu_opens_by_keyboard(browser, world, prefix):
    context = context_for(browser, world, STAFF, {"width": 390, "height": 844})
    page = context.new_page()
    page.goto(world["site"] + prefix + "/staff/")
    assert header_height(page) <= HEADER_SHARE * 844
    menu = page.locator(".site-header .main-nav")
    links = menu.locator("a")
    assert (menu.get_attribute("open"), links.first.is_visible()) == (None, False)
    summary = page.locator(".site-header .main-nav summary")
    summary.focus()
    outline = summary.evaluate("el => getComputedStyle(el).outlineStyle")
    page.keyboard.press("Enter")
    assert (menu.get_attribute("open"), links.first.is_visible(), outline) == ("", True, "solid")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == prefix + "/"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert links.first.is_visible() is False
    context.close()


@pytest.mark.parametrize("prefix", LANGUAGES)
@pytest.mark.parametrize("role", [ANONYMOUS, STAFF])
def test_laptop_navigation_is_one_row_with_no_menu_button(browser, world, prefix, role):
    context = context_for(browser, world, role, LAPTOP)
    page = context.new_page()
    page.goto(world["site"] + prefix + "/")
    tops = page.locator(".site-header .main-nav li").evaluate_all(
        "items => items.map((li) => Math.round(li.getBoundingClientRect().top))"
    )
    summary_visible = page.locator(".site-header .main-nav summary").is_visible()
    assert (len(tops) >= 10, len(set(tops)), summary_visible) == (True, 1, False)
    context.close()
