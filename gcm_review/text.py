"""Rich text: what people write is sanitised on save with nh3; nothing else survives."""

import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "b",
    "em",
    "i",
    "a",
    "h3",
    "h4",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def html_sanitise(html: str) -> str:
    """Keep paragraphs, lists, emphasis and http(s)/mailto links; drop everything else."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def is_web_address(url: str) -> bool:
    """An absolute http(s) or ftp(s) address with a host: what a link outside rich text may
    point to (never javascript:, data: or a relative path)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https", "ftp", "ftps") and bool(parts.netloc)


def text_to_html(raw: str) -> str:
    """What someone typed, as sanitised HTML: HTML is cleaned; plain text becomes paragraphs."""
    import re
    from html import escape

    raw = (raw or "").strip()
    if not raw:
        return ""
    if re.search(r"<[a-zA-Z/][^>]*>", raw):
        return html_sanitise(raw)
    paragraphs = re.split(r"\n\s*\n", raw.replace("\r\n", "\n"))
    return "".join(
        "<p>" + escape(p.strip()).replace("\n", "<br>") + "</p>" for p in paragraphs if p.strip()
    )


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML, for mails and exports."""
    import re
    from html import unescape

    text = re.sub(r"(?i)</(p|h3|h4|blockquote|ul|ol)>", "\n\n", html)
    text = re.sub(r"(?i)</li>|<br\s*/?>", "\n", text)
    text = re.sub(r"(?i)<li[^>]*>", "- ", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", unescape(text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# Characters XML 1.0 cannot carry (C0 controls but tab, newline and carriage return, and the
# non-characters U+FFFE/U+FFFF); a feed writer refuses them instead of escaping them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML document (a feed) cannot hold."""
    return _NOT_XML.sub("", text)
