"""Read what a page shows: the text of elements, without a browser."""

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self, tag: str):
        super().__init__()
        self.tag, self.depth, self.found, self.current = tag, 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            self.depth += 1
            if self.depth == 1:
                self.current = []

    def handle_endtag(self, tag):
        if tag == self.tag and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.found.append(" ".join("".join(self.current).split()))

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)


def texts(content: bytes | str, tag: str) -> list[str]:
    """The whitespace-normalised text of every ``tag`` element, in document order."""
    collector = _Collector(tag)
    collector.feed(content.decode() if isinstance(content, bytes) else content)
    return collector.found


def text(content: bytes | str, tag: str) -> str:
    """The text of the first ``tag`` element."""
    return texts(content, tag)[0]


def html_lang(content: bytes) -> str:
    start = content.index(b'<html lang="') + len(b'<html lang="')
    return content[start : content.index(b'"', start)].decode()
