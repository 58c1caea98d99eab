"""Reads for drafting and reviewing written inputs, with their queries done."""

import difflib
from dataclasses import dataclass
from html import escape

from django.db.models import Count, Prefetch, QuerySet
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from gcm_review.personal_data import exporter
from registration.models import MemberState
from sessions_app.models import GCMObjective, Meeting

from .models import Answer, CooperationNeed, DeadlineExtension, Revision, Submission


def submission_full(*, pk: int) -> Submission:
    """An input with its state, answers (question, objectives), areas and attachments."""
    return (
        Submission.objects.select_related("member_state", "meeting")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("question")
                .defer("search_vector")
                .prefetch_related("objectives")
                .order_by("question__letter"),
            ),
            "cooperation_needs__objectives",
            "attachments",
        )
        .get(pk=pk)
    )


def submissions_recently_published(*, meeting: Meeting, limit: int = 30) -> list[Submission]:
    """The newest published inputs first, with their state and answers (for the feed)."""
    return list(
        Submission.objects.filter(meeting=meeting, status=Submission.Status.PUBLISHED)
        .select_related("member_state")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.only("pk", "submission_id", "text_plain").order_by(
                    "question__letter"
                ),
            )
        )
        .order_by("-published_at", "-pk")[:limit]
    )


def submission_of_state(*, meeting: Meeting, member_state: MemberState) -> Submission | None:
    pk = (
        Submission.objects.filter(meeting=meeting, member_state=member_state)
        .values_list("pk", flat=True)
        .first()
    )
    return submission_full(pk=pk) if pk else None


def objectives_all() -> list[GCMObjective]:
    return list(GCMObjective.objects.order_by("number"))


def review_queue(*, meeting: Meeting) -> QuerySet[Submission]:
    """Inputs waiting for staff first (submitted), then the others, by state."""
    return (
        meeting.submissions.select_related("member_state", "updated_by")
        .annotate(attachment_count=Count("attachments"))
        .order_by("status", "member_state__name")
    )


@dataclass(frozen=True)
class CompletenessRow:
    member_state: MemberState
    submission: Submission | None
    extension: DeadlineExtension | None

    @property
    def state(self) -> str:
        return self.submission.status if self.submission else "none"


def completeness_table(*, meeting: Meeting) -> list[CompletenessRow]:
    """Every member state with its input (or none) and its extension, in three queries."""
    submissions = {s.member_state_id: s for s in meeting.submissions.all()}
    extensions = {e.member_state_id: e for e in DeadlineExtension.objects.filter(meeting=meeting)}
    return [
        CompletenessRow(state, submissions.get(state.pk), extensions.get(state.pk))
        for state in MemberState.objects.order_by("name")
    ]


def completeness_counts(rows: list[CompletenessRow]) -> dict[str, int]:
    counts = {"none": 0, **dict.fromkeys(Submission.Status.values, 0)}
    for row in rows:
        counts[row.state] += 1
    return counts


def revisions_of(*, submission: Submission) -> QuerySet[Revision]:
    return submission.revisions.select_related("author").order_by("-number")


@dataclass(frozen=True)
class Change:
    label: str
    diff: SafeString


FIELD_LABELS = {
    "status": _("Status"),
    "language": _("Language"),
    "cooperation": _("Areas for strengthened cooperation"),
    "attachments": _("Attachments"),
}


def revision_changes(*, older: dict, newer: dict) -> list[Change]:
    """What changed between two snapshots, each as a word diff with <ins>/<del>: texts as
    written, status, language and cooperation areas by their labels in the page language."""
    changes = []
    for field, choices in (("status", Submission.Status), ("language", Submission.Language)):
        before, after = older.get(field), newer.get(field)
        if before != after:
            diff = word_diff(_label(choices, before), _label(choices, after))
            changes.append(Change(FIELD_LABELS[field], diff))
    old_answers, new_answers = older.get("answers", {}), newer.get("answers", {})
    for letter in sorted(set(old_answers) | set(new_answers)):
        before, after = old_answers.get(letter, {}), new_answers.get(letter, {})
        if before.get("text", "") != after.get("text", ""):
            diff = word_diff(before.get("text", ""), after.get("text", ""))
            changes.append(Change(f"({letter})", diff))
        if before.get("objectives", []) != after.get("objectives", []):
            diff = word_diff(_numbers(before.get("objectives")), _numbers(after.get("objectives")))
            label = _("(%(letter)s): GCM objectives") % {"letter": letter}
            changes.append(Change(label, diff))
    for key in ("cooperation", "attachments"):
        before, after = _flat(older.get(key)), _flat(newer.get(key))
        if before != after:  # no areas before and none after is no change
            changes.append(Change(FIELD_LABELS[key], word_diff(before, after)))
    return changes


def _label(choices, value) -> str:
    """A stored code as its label; a code no longer among the choices as it was stored."""
    return str(choices(value).label) if value in choices.values else (value or "")


def _numbers(values) -> str:
    return " ".join(str(v) for v in values or [])


def _flat(value) -> str:
    if isinstance(value, dict):
        return "; ".join(
            f"{_label(CooperationNeed.Area, k)}: {_numbers(v)}" for k, v in sorted(value.items())
        )
    return "; ".join(value or [])


def word_diff(before: str, after: str) -> SafeString:
    """HTML of the words removed (<del>) and added (<ins>); everything else escaped."""
    old, new = (text.split(" ") if text else [] for text in (before, after))
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape(" ".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(old[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(new[j1:j2]))}</ins>")
    # Reviewed for bandit: every part escaped above.
    return mark_safe(" ".join(p for p in parts if p).replace("\n", "<br>"))  # nosec


@exporter("written_input_changes")
def _revisions_export(user) -> list[dict]:
    """The changes this person made to written inputs, as a focal point or staff."""
    return [
        {
            "member_state": revision.submission.member_state.name,
            "revision": revision.number,
            "action": revision.action,
            "at": revision.created_at.isoformat(),
        }
        for revision in Revision.objects.filter(author=user)
        .select_related("submission__member_state")
        .order_by("created_at")
    ]
