"""What every page says reads as text: the window title holds no markup and no entity shown as
text, every template variable resolves, and no label, heading, term or cell is left empty.

The public site is walked as a visitor reaches it, from the home page along every link of the
portal, in English, French and Russian, with a published written input and the seeded
programme, documents and Discussion Space; Network staff's pages the same way, from /staff/.
"""

import html
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import override_settings

from tests.conftest import PASSWORD
from tests.submissions.conftest import deadline_open, input_make

INVALID = "@@unresolved@@"
# Elements that say something by their text; empty, they are a blank label or heading.
TEXT_ELEMENTS = {
    "title", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "label", "legend", "caption",
    "th", "li", "button", "option", "summary", "p", "a",
}  # fmt: skip
# Children that give an element its content without text.
CONTENT_CHILDREN = {"img", "svg", "input", "select", "textarea", "iframe", "canvas", "meter"}
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/accounts/logout/")


class _Page(HTMLParser):
    """Links, and the elements of TEXT_ELEMENTS whose text is blank."""

    def __init__(self):
        super().__init__()
        self.links, self.blank, self.stack = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in CONTENT_CHILDREN or attrs.get("aria-label") or attrs.get("aria-hidden"):
            for entry in self.stack:
                entry[2] = True
        if tag in TEXT_ELEMENTS:
            self.stack.append([tag, attrs, False, []])

    def handle_endtag(self, tag):
        if tag in TEXT_ELEMENTS and self.stack and self.stack[-1][0] == tag:
            tag, attrs, has_content, text = self.stack.pop()
            if not has_content and not "".join(text).strip():
                self.blank.append(f"<{tag} {attrs}>")

    def handle_data(self, data):
        for entry in self.stack:
            entry[3].append(data)


def page_problems(content: str) -> list[str]:
    problems = []
    titles = re.findall(r"<title>(.*?)</title>", content, re.S)
    if len(titles) != 1:
        problems.append(f"{len(titles)} <title> elements")
    for raw in titles:
        shown = html.unescape(raw)
        if "<" in raw or ">" in raw or re.search(r"&#?\w+;", shown):
            problems.append(f"markup in the title: {shown!r}")
        if not " ".join(shown.split()):
            problems.append("an empty title")
    if INVALID in content:
        at = content.index(INVALID)
        problems.append(f"an unresolved variable: {content[max(0, at - 120) : at + 40]!r}")
    parser = _Page()
    parser.feed(content)
    problems += [f"blank {element}" for element in parser.blank]
    return problems


def walk(client, starts: list[str], *, within: tuple[str, ...] = ("/",)) -> dict[str, list]:
    """Every HTML page of the portal reached by links from ``starts``: path -> problems."""
    seen, queue, found = set(starts), list(starts), {}
    while queue:
        path = queue.pop(0)
        response = client.get(path, follow=True)  # a page for people signed in: the sign-in
        assert response.status_code == 200, f"{path}: {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            continue
        content = response.content.decode()
        found[path] = page_problems(content)
        parser = _Page()
        parser.feed(content)
        for href in parser.links:
            link = urldefrag(html.unescape(href)).url
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if link.startswith(SKIPPED_PREFIXES) or not link.startswith(within):
                continue
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return found


@pytest.fixture
def invalid_variables_shown(settings):
    templates = [
        {**engine, "OPTIONS": {**engine.get("OPTIONS", {}), "string_if_invalid": INVALID}}
        for engine in settings.TEMPLATES
    ]
    with override_settings(TEMPLATES=templates):
        yield


@pytest.fixture
def published_input(meeting, staff_user):
    deadline_open(meeting)
    return input_make(meeting, "ARM", staff=staff_user, answer_objectives={"a": [1, 23]})


@pytest.mark.parametrize("language", ["", "/fr", "/ru"])
def test_every_public_page_reads_as_text(
    client, published_input, invalid_variables_shown, language
):
    pages = walk(client, [f"{language}/"], within=(f"{language}/",) if language else ("/",))
    assert len(pages) > 40
    assert {path: problems for path, problems in pages.items() if problems} == {}


@pytest.mark.parametrize("language", ["", "/ru"])
def test_every_staff_page_reads_as_text(
    client, published_input, staff_user, invalid_variables_shown, language
):
    client.login(email=staff_user.email, password=PASSWORD)
    pages = walk(client, [f"{language}/staff/"], within=(f"{language}/staff/",))
    assert len(pages) > 10
    assert {path: problems for path, problems in pages.items() if problems} == {}
