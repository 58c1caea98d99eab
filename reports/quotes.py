"""What staff can quote in a narrative section: answers of published inputs, key points."""

from django.conf import settings

from submissions.models import Answer, Submission

EXCERPT = 700


def candidates(*, meeting, query: str, limit: int = 15) -> list[dict]:
    """Passages matching ``query`` with their source, ready to be quoted."""
    if len(query) < 3:
        return []
    answers = (
        Answer.objects.filter(
            submission__meeting=meeting,
            submission__status=Submission.Status.PUBLISHED,
            text_plain__icontains=query,
        )
        .select_related("submission__member_state", "question")
        .order_by("submission__member_state__name", "question__letter")[:limit]
    )
    found = [
        {
            "text": _excerpt(a.text_plain, query),
            "source": _source(a),
            "url": settings.SITE_URL + a.submission.get_absolute_url(),
        }
        for a in answers
    ]
    from submissions.voices.selectors import key_points_matching

    return found + key_points_matching(meeting=meeting, query=query, limit=limit)


def _source(answer) -> str:
    state, letter = answer.submission.member_state.name, answer.question.letter
    return f"{state}, written input, answer ({letter})"


def _excerpt(text: str, query: str) -> str:
    """The paragraph holding the match, shortened around it."""
    for paragraph in text.split("\n\n"):
        if query.lower() in paragraph.lower():
            if len(paragraph) <= EXCERPT:
                return paragraph
            start = max(paragraph.lower().index(query.lower()) - EXCERPT // 2, 0)
            return "…" + paragraph[start : start + EXCERPT].strip() + "…"
    return text[:EXCERPT]
