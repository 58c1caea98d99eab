"""What staff can quote in a narrative section: any input of the review, with its source."""

from gcm_review.site import site_url

EXCERPT = 700


def candidates(*, meeting, query: str, limit: int = 15) -> list[dict]:
    """Inputs (answers, key points, messages, talks, posts) whose text holds ``query``."""
    from submissions.voices.inputs import inputs_all

    if len(query) < 3:
        return []
    needle = query.lower()
    found = []
    for row in inputs_all(meeting=meeting):
        if needle in row.text.lower():
            found.append(
                {
                    "text": excerpt(row.text, query),
                    "source": f"{row.source}, {row.kind_label.lower()}: {row.label}",
                    "url": site_url() + row.url if row.url.startswith("/") else row.url,
                }
            )
            if len(found) == limit:
                break
    return found


def excerpt(text: str, query: str) -> str:
    """The paragraph holding the match, shortened around it."""
    for paragraph in text.split("\n\n"):
        if query.lower() in paragraph.lower():
            if len(paragraph) <= EXCERPT:
                return paragraph
            start = max(paragraph.lower().index(query.lower()) - EXCERPT // 2, 0)
            return "…" + paragraph[start : start + EXCERPT].strip() + "…"
    return text[:EXCERPT]
