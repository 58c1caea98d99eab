"""Read what the pages of stakeholder voices show: elements picked by tag and class."""

from html.parser import HTMLParser


class _ByClass(HTMLParser):
    def __init__(self, tag: str, cls: str):
        super().__init__()
        self.tag, self.cls = tag, cls
        self.depth, self.found, self.current = 0, [], []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if tag == self.tag:
                self.depth += 1
            return
        classes = (dict(attrs).get("class") or "").split()
        if tag == self.tag and self.cls in classes:
            self.depth, self.current = 1, []

    def handle_endtag(self, tag):
        if self.depth and tag == self.tag:
            self.depth -= 1
            if self.depth == 0:
                self.found.append(" ".join("".join(self.current).split()))

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)


def by_class(content: bytes | str, tag: str, cls: str) -> list[str]:
    """The whitespace-normalised text of every ``tag`` element with class ``cls``."""
    parser = _ByClass(tag, cls)
    parser.feed(content.decode() if isinstance(content, bytes) else content)
    return parser.found


def post_texts(response) -> list[str]:
    """The text of every post the page shows, in order."""
    return by_class(response.content, "div", "post-text")


def errors(response) -> list[str]:
    """The error lists of the page's forms."""
    return by_class(response.content, "ul", "errorlist")
