"""Rich text: what people write is sanitised on save with nh3; nothing else survives."""

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


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML, for mails and exports."""
    import re
    from html import unescape

    text = re.sub(r"(?i)</(p|li|h3|h4|blockquote)>|<br\s*/?>", "\n", html)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\n{3,}", "\n\n", unescape(text)).strip()
