"""Reading pages, mails and exports the way a browser would run them, without a browser.

``page_problems(html)`` parses a page with ``html.parser`` and lists everything that could run:
script elements other than our own static files, event-handler attributes, javascript:,
vbscript: and data: URLs (after the clean-up a browser does: entities decoded, ASCII tab and
newline removed, leading control characters and spaces stripped, case ignored), frames,
objects, embeds, base, meta http-equiv, stylesheets and forms of other origins, inline style
that loads or evaluates something, srcdoc and SVG animation elements. The portal's own pages
have none of these (besides its own /static/ scripts and stylesheet and the empty favicon),
so every problem comes from what someone wrote.

``shown_text(html)`` is the text a reader sees (and the values of form fields), to check that
a plain field comes out as the very text that was typed.
"""

import re
from html.parser import HTMLParser

URL_ATTRIBUTES = frozenset(
    {
        "action",
        "background",
        "cite",
        "codebase",
        "data",
        "dynsrc",
        "formaction",
        "href",
        "icon",
        "longdesc",
        "lowsrc",
        "manifest",
        "ping",
        "poster",
        "profile",
        "src",
        "srcset",
        "imagesrcset",
        "usemap",
        "xlink:href",
    }
)
FORBIDDEN_TAGS = frozenset(
    {
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "math",
        "portal",
        "animate",
        "animatemotion",
        "animatetransform",
        "set",
        "foreignobject",
        "handler",
        "listener",
        "import",
        "isindex",
        "xmp",
        "plaintext",
    }
)
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
BAD_STYLE = ("expression(", "javascript:", "vbscript:", "url(", "@import", "behavior:", "binding")
# The empty favicon of base.html: the one data: URL the portal writes itself.
OWN_DATA_URLS = {("link", "href", "data:,")}


def url_as_browser_reads(value: str) -> str:
    """The URL as a browser sees it: no ASCII tab or newline anywhere, no leading or trailing
    C0 control or space, lower case (entities were decoded by the parser)."""
    value = re.sub(r"[\t\n\r]", "", value)
    value = value.strip("".join(chr(c) for c in range(0x21)))
    return value.lower()


def _style_problem(value: str) -> str | None:
    squeezed = re.sub(r"\s+|/\*.*?\*/|\\", "", value).lower()
    found = [token for token in BAD_STYLE if token in squeezed]
    return found[0] if found else None


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.values: list[str] = []
        self.raw_in: str | None = None  # "script" or "style" while inside one

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs, self.get_starttag_text() or "")

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs, self.get_starttag_text() or "")

    def _element(self, tag, attrs, source):
        where = source[:160]
        if tag in ("br", "p", "li", "div", "td", "th", "tr", "h1", "h2", "h3", "h4", "dd", "dt"):
            self.text.append("\n")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element: {where}")
        names = {name for name, _value in attrs}
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler {name}: {where}")
            elif name == "srcdoc":
                self.problems.append(f"srcdoc attribute: {where}")
            elif name == "style" and _style_problem(value):
                self.problems.append(f"style with {_style_problem(value)}: {where}")
            elif name in URL_ATTRIBUTES:
                urls = [u.strip().split(" ")[0] for u in value.split(",")]
                urls = urls if name in ("srcset", "imagesrcset") else [value]
                for url in urls:
                    seen = url_as_browser_reads(url)
                    own = (tag, name, seen) in OWN_DATA_URLS
                    if seen.startswith(BAD_SCHEMES) and not own:
                        self.problems.append(f"{name}={seen[:40]!r}: {where}")
            if name in ("value", "title", "alt", "aria-label", "placeholder", "content"):
                self.values.append(value)
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not (src.startswith("/") and not src.startswith("//")):
                self.problems.append(f"script from another origin: {where}")
            self.raw_in = "script"
        elif tag == "style":
            self.raw_in = "style"
        elif tag == "meta" and "http-equiv" in names:
            self.problems.append(f"meta http-equiv: {where}")
        elif tag == "link":
            href = url_as_browser_reads(dict(attrs).get("href") or "")
            if not (href.startswith("/") and not href.startswith("//")) and href != "data:,":
                self.problems.append(f"link to another origin: {where}")
        elif tag == "form":
            action = url_as_browser_reads(dict(attrs).get("action") or "")
            if action and not (action.startswith(("/", "?")) and not action.startswith("//")):
                self.problems.append(f"form posting elsewhere: {where}")
        elif tag in ("button", "input") and "formaction" in names:
            self.problems.append(f"formaction: {where}")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.raw_in = None
        if tag in ("p", "li", "div", "td", "th", "h1", "h2", "h3", "h4", "blockquote"):
            self.text.append("\n")

    def handle_data(self, data):
        if self.raw_in == "script" and data.strip():
            self.problems.append(f"inline script: {data.strip()[:80]!r}")
        elif self.raw_in == "style":
            if _style_problem(data):
                self.problems.append(f"style element with {_style_problem(data)}")
        else:
            self.text.append(data)


def inspect(html: str | bytes) -> _Inspector:
    inspector = _Inspector()
    inspector.feed(html.decode() if isinstance(html, bytes) else html)
    inspector.close()
    return inspector


def page_problems(html: str | bytes) -> list[str]:
    """What in the page could run (see the module's docstring); [] for an inert page."""
    return inspect(html).problems


def squeeze(text: str) -> str:
    return " ".join(text.split())


def shown_text(html: str | bytes) -> str:
    """The page's text, whitespace squeezed, followed by the values of its form fields."""
    inspector = inspect(html)
    return squeeze("".join(inspector.text)) + "\n" + "\n".join(squeeze(v) for v in inspector.values)


def mail_problems(messages) -> list[str]:
    """Mails must be plain text; an HTML alternative, if any, must be inert."""
    problems = []
    for message in messages:
        if getattr(message, "content_subtype", "plain") != "plain":
            problems.append(f"{message.subject}: body is {message.content_subtype}")
        if "\n" in message.subject or "\r" in message.subject:
            problems.append(f"{message.subject!r}: subject on several lines")
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                problems += [f"{message.subject}: {p}" for p in page_problems(content)]
    return problems
