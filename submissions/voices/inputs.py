"""Every input of the meeting in one place, as plain rows: written inputs, consultation key
messages, session records, GCM Talks and Discussion Space posts.

The summary report builds on these: ``inputs_all`` (every input of every kind, filtered by
objective, session and kind) and ``input_counts_by_objective``.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_review.i18n import localized
from gcm_review.text import html_to_text
from sessions_app.models import GCMObjective, Meeting, Session

from ..models import Answer, Submission
from .discussion.selectors import AUTHOR_RELATED
from .models import DiscussionPost, GCMTalk, KeyMessage, SessionPoint
from .selectors import gcm_talks, session_points_recorded

Status = DiscussionPost.Status


WRITTEN_INPUT = "written_input"
CONSULTATION = "consultation"
SESSION = "session"
GCM_TALK = "gcm_talk"
DISCUSSION = "discussion"
INPUT_KINDS = {
    WRITTEN_INPUT: _("Written input"),
    CONSULTATION: _("Consultation key message"),
    SESSION: _("Session record"),
    GCM_TALK: _("GCM Talk"),
    DISCUSSION: _("Discussion Space post"),
}


@dataclass(frozen=True)
class InputRow:
    """One input of any kind, as plain data for the inputs page, exports and the report."""

    kind: str  # a key of INPUT_KINDS
    pk: int  # of the record in its own table
    label: str  # what it is within its kind: "Question (c)", "Key point", "Priority area"...
    text: str  # plain text
    source: str  # who: a Member State, a stakeholder category, a consultation, an author
    objectives: tuple[int, ...]  # GCM objective numbers, ascending
    session: Session | None  # the session it was tagged with, if any
    at: datetime.datetime
    url: str  # where staff read it in context
    language: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def kind_label(self) -> str:
        return str(INPUT_KINDS[self.kind])


@dataclass(frozen=True)
class InputFilters:
    objective: int | None = None  # GCM objective number
    session: Session | None = None  # inputs tagged with this session
    kind: str | None = None  # a key of INPUT_KINDS

    def wants(self, kind: str) -> bool:
        return self.kind in (None, kind)


def _numbers(objectives) -> tuple[int, ...]:
    return tuple(sorted(o.number for o in objectives))


def _written_inputs(meeting: Meeting, filters: InputFilters) -> list[InputRow]:
    if filters.session is not None:  # answers are tagged with objectives, not sessions
        return []
    answers = (
        Answer.objects.filter(
            submission__meeting=meeting, submission__status=Submission.Status.PUBLISHED
        )
        .exclude(text_plain="")
        .select_related("submission__member_state", "question")
        .prefetch_related("objectives")
    )
    if filters.objective is not None:
        answers = answers.filter(objectives__number=filters.objective)
    return [
        InputRow(
            kind=WRITTEN_INPUT,
            pk=a.pk,
            label=str(_("Question (%(letter)s)") % {"letter": a.question.letter}),
            text=a.text_plain,
            source=localized(a.submission.member_state, "name"),
            objectives=_numbers(a.objectives.all()),
            session=None,
            at=a.submission.published_at or a.submission.updated_at,
            url=reverse("submissions:staff_detail", args=[a.submission_id]),
            language=a.submission.language,
        )
        for a in answers
    ]


def _consultation_messages(meeting: Meeting, filters: InputFilters) -> list[InputRow]:
    messages = (
        KeyMessage.objects.filter(consultation__meeting=meeting)
        .select_related("consultation", "session")
        .prefetch_related("objectives")
    )
    if filters.objective is not None:
        messages = messages.filter(objectives__number=filters.objective)
    if filters.session is not None:
        messages = messages.filter(session=filters.session)
    return [
        InputRow(
            kind=CONSULTATION,
            pk=m.pk,
            label=m.get_kind_display(),
            text=m.text,
            source=str(
                _("Consultation %(number)s: %(title)s")
                % {"number": m.consultation.number, "title": localized(m.consultation, "title")}
            ),
            objectives=_numbers(m.objectives.all()),
            session=m.session,
            at=m.consultation.starts_at,
            url=reverse("voices:staff_consultation", args=[m.consultation_id]),
        )
        for m in messages
    ]


def _session_records(meeting: Meeting, filters: InputFilters) -> list[InputRow]:
    points = session_points_recorded().filter(session__meeting=meeting)
    if filters.objective is not None:
        points = points.filter(objectives__number=filters.objective)
    if filters.session is not None:
        points = points.filter(session=filters.session)
    return [
        InputRow(
            kind=SESSION,
            pk=p.pk,
            label=p.get_kind_display(),
            text=p.text,
            source=(
                localized(p.raised_by_state, "name")
                if p.raised_by_state
                else localized(p.raised_by_category, "label")
            ),
            objectives=_numbers(p.objectives.all()),
            session=p.session,
            at=p.session.starts_at,
            url=reverse("voices:staff_session", args=[p.session.slug]),
        )
        for p in points
    ]


def _talks(meeting: Meeting, filters: InputFilters) -> list[InputRow]:
    if filters.session is not None:  # talks are tagged with objectives, not sessions
        return []
    talks = gcm_talks(meeting=meeting)
    if filters.objective is not None:
        talks = talks.filter(objectives__number=filters.objective)
    return [
        InputRow(
            kind=GCM_TALK,
            pk=t.pk,
            label=t.title,
            text=html_to_text(t.summary),
            source=t.organiser,
            objectives=_numbers(t.objectives.all()),
            session=None,
            at=datetime.datetime.combine(t.held_on, datetime.time(0, 0), tzinfo=meeting.tzinfo),
            url=t.link or reverse("voices:talks"),
        )
        for t in talks
    ]


def _posts(meeting: Meeting, filters: InputFilters) -> list[InputRow]:
    posts = (
        DiscussionPost.objects.filter(thread__meeting=meeting, status=Status.APPROVED)
        .select_related("thread__question", "thread__session", *AUTHOR_RELATED)
        .prefetch_related("thread__session__objectives")
    )
    if filters.objective is not None:
        posts = posts.filter(thread__session__objectives__number=filters.objective)
    if filters.session is not None:
        posts = posts.filter(thread__session=filters.session)
    rows = []
    for post in posts:
        session = post.thread.session
        affiliation = post.author_affiliation
        rows.append(
            InputRow(
                kind=DISCUSSION,
                pk=post.pk,
                label=str(
                    (_("Reply in %(thread)s") if post.is_reply else _("Post in %(thread)s"))
                    % {"thread": post.thread.title}
                ),
                text=post.text,
                source=f"{post.author_name} ({affiliation})" if affiliation else post.author_name,
                objectives=_numbers(session.objectives.all()) if session else (),
                session=session,
                at=post.created_at,
                url=reverse("voices:thread", args=[post.thread.slug]) + f"#post-{post.pk}",
                language=post.language,
            )
        )
    return rows


_KIND_READERS = {
    WRITTEN_INPUT: _written_inputs,
    CONSULTATION: _consultation_messages,
    SESSION: _session_records,
    GCM_TALK: _talks,
    DISCUSSION: _posts,
}


def inputs_all(*, meeting: Meeting, filters: InputFilters | None = None) -> list[InputRow]:
    """Every input of the meeting, of every kind or of ``filters.kind``, optionally only those
    tagged with objective ``filters.objective`` and/or session ``filters.session``.

    Written inputs are the published answers (their objectives); consultation key messages
    and session records carry their own objectives and session; GCM Talks their objectives;
    Discussion Space posts are the published ones, and a post in a thematic session's thread
    has that session and its objectives. Rows come by kind (in the order of INPUT_KINDS),
    then by date. At most two queries per kind.
    """
    filters = filters or InputFilters()
    order = list(INPUT_KINDS)
    rows = [
        row
        for kind, read in _KIND_READERS.items()
        if filters.wants(kind)
        for row in read(meeting, filters)
    ]
    return sorted(rows, key=lambda r: (order.index(r.kind), r.at, r.pk))


@dataclass(frozen=True)
class ObjectiveCounts:
    objective: GCMObjective
    counts: dict[str, int]  # INPUT_KINDS key -> number of inputs tagged with the objective

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def input_counts_by_objective(*, meeting: Meeting) -> list[ObjectiveCounts]:
    """For each of the 23 objectives, how many inputs of each kind concern it (session
    records, consultation key messages, published written-input answers, GCM Talks, and
    published posts of the threads on thematic sessions covering it). Six queries."""
    counted = {
        WRITTEN_INPUT: Answer.objects.filter(
            submission__meeting=meeting, submission__status=Submission.Status.PUBLISHED
        )
        .exclude(text_plain="")
        .values_list("objectives__number"),
        CONSULTATION: KeyMessage.objects.filter(consultation__meeting=meeting).values_list(
            "objectives__number"
        ),
        SESSION: SessionPoint.objects.filter(session__meeting=meeting).values_list(
            "objectives__number"
        ),
        GCM_TALK: GCMTalk.objects.filter(meeting=meeting).values_list("objectives__number"),
        DISCUSSION: DiscussionPost.objects.filter(
            thread__meeting=meeting, status=Status.APPROVED
        ).values_list("thread__session__objectives__number"),
    }
    numbers: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(INPUT_KINDS, 0))
    for kind, rows in counted.items():
        for number, count in rows.annotate(n=Count("pk", distinct=True)).order_by():
            if number is not None:
                numbers[number][kind] = count
    return [
        ObjectiveCounts(objective=o, counts=dict(numbers[o.number]))
        for o in GCMObjective.objects.order_by("number")
    ]
