"""Reads for stakeholder voices, with their queries done.

The summary report builds on these: ``inputs_all`` (every input of every kind as plain rows,
filtered by objective, session and kind), ``input_counts_by_objective`` and
``session_records_by_session``; ``summary_published`` and ``consultations_with_messages`` give
the Rapporteur's summary and the consultations' key messages.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_review.i18n import localized
from gcm_review.personal_data import exporter
from gcm_review.text import html_to_text
from registration.permissions import is_network_staff
from sessions_app.models import GCMObjective, Meeting, Session

from ..models import Answer, Submission
from .models import (
    Consultation,
    ConsultationRegistration,
    DiscussionFlag,
    DiscussionPost,
    DiscussionThread,
    GCMTalk,
    KeyMessage,
    RapporteurSummary,
    SessionPoint,
)

Status = DiscussionPost.Status
AUTHOR_RELATED = (
    "author__stakeholder_category",
    "author__focal_point__member_state",
)


# The Discussion Space -----------------------------------------------------------------------


def discussion_threads(*, meeting: Meeting) -> list[DiscussionThread]:
    """The meeting's threads (questions first, then sessions), each with ``published_count``."""
    return list(
        DiscussionThread.objects.filter(meeting=meeting)
        .select_related("question", "session")
        .prefetch_related("session__objectives")
        .annotate(published_count=Count("posts", filter=Q(posts__status=Status.APPROVED)))
        .order_by("slug")
    )


def thread_by_slug(*, meeting: Meeting, slug: str) -> DiscussionThread:
    try:
        return (
            DiscussionThread.objects.select_related("meeting", "question", "session")
            .prefetch_related("session__objectives")
            .get(meeting=meeting, slug=slug)
        )
    except DiscussionThread.DoesNotExist:
        raise Http404("No such thread.") from None


def _visible_to(viewer) -> Q:
    """Published posts, and for a signed-in viewer their own; staff see every post."""
    if viewer is not None and is_network_staff(viewer):
        return Q()
    if viewer is not None and viewer.is_authenticated:
        return Q(status=Status.APPROVED) | Q(author=viewer)
    return Q(status=Status.APPROVED)


def _posts_base(viewer) -> QuerySet[DiscussionPost]:
    posts = DiscussionPost.objects.filter(_visible_to(viewer)).select_related(*AUTHOR_RELATED)
    if viewer is not None and viewer.is_authenticated:
        posts = posts.annotate(
            flagged_by_viewer=Exists(
                DiscussionFlag.objects.filter(post=OuterRef("pk"), user=viewer)
            ),
            open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True)),
        )
    return posts.order_by("created_at", "pk")


def thread_posts(*, thread: DiscussionThread, viewer=None) -> list[DiscussionPost]:
    """The thread's top-level posts the viewer may read, oldest first, each with its readable
    replies in ``visible_replies`` (and, for a signed-in viewer, ``flagged_by_viewer`` and
    ``open_flags``). Three queries whatever the number of posts."""
    return list(
        _posts_base(viewer)
        .filter(thread=thread, parent__isnull=True)
        .prefetch_related(
            Prefetch("replies", queryset=_posts_base(viewer), to_attr="visible_replies")
        )
    )


def posts_of(*, user) -> QuerySet[DiscussionPost]:
    """Everything a person posted, newest first, with its thread."""
    return (
        DiscussionPost.objects.filter(author=user)
        .select_related("thread__question", "thread__session")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class ModerationQueue:
    pending: list[DiscussionPost]
    flagged: list[DiscussionPost]

    @property
    def counts(self) -> dict[str, int]:
        return {"pending": len(self.pending), "flagged": len(self.flagged)}


def moderation_queue(*, meeting: Meeting) -> ModerationQueue:
    """Posts awaiting moderation (oldest first) and published posts with open flags (each with
    ``open_flag_list``), with their thread and author. Four queries whatever their number."""
    base = DiscussionPost.objects.filter(thread__meeting=meeting).select_related(
        "thread__question", "thread__session", "parent", *AUTHOR_RELATED
    )
    pending = list(base.filter(status=Status.PENDING).order_by("created_at", "pk"))
    flagged = list(
        base.filter(
            Exists(DiscussionFlag.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)),
            status=Status.APPROVED,
        )
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=DiscussionFlag.objects.filter(resolved_at__isnull=True)
                .select_related("user")
                .order_by("created_at", "pk"),
                to_attr="open_flag_list",
            )
        )
        .order_by("created_at", "pk")
    )
    return ModerationQueue(pending=pending, flagged=flagged)


# Consultations, the Rapporteur's summary, GCM Talks -----------------------------------------


def consultations_public(*, meeting: Meeting, viewer=None) -> list[Consultation]:
    """The meeting's consultations in order, each with ``viewer_registered``."""
    consultations = Consultation.objects.filter(meeting=meeting).order_by("number")
    if viewer is not None and viewer.is_authenticated:
        consultations = consultations.annotate(
            viewer_registered=Exists(
                ConsultationRegistration.objects.filter(consultation=OuterRef("pk"), user=viewer)
            )
        )
    return list(consultations)


def _key_messages() -> QuerySet[KeyMessage]:
    return (
        KeyMessage.objects.select_related("session", "recorded_by")
        .prefetch_related("objectives")
        .order_by("kind", "created_at", "pk")
    )


def consultations_with_messages(*, meeting: Meeting) -> list[Consultation]:
    """The consultations with ``message_list`` (key messages, then priority areas) and
    ``registration_count``."""
    return list(
        Consultation.objects.filter(meeting=meeting)
        .annotate(registration_count=Count("registrations"))
        .prefetch_related(Prefetch("key_messages", _key_messages(), to_attr="message_list"))
        .order_by("number")
    )


def consultation_full(*, meeting: Meeting, pk: int) -> Consultation:
    """One consultation with ``message_list`` and its registrations (with the people)."""
    try:
        return (
            Consultation.objects.filter(meeting=meeting)
            .select_related("meeting")
            .prefetch_related(
                Prefetch("key_messages", _key_messages(), to_attr="message_list"),
                Prefetch(
                    "registrations",
                    ConsultationRegistration.objects.select_related(
                        "user__stakeholder_category", "user__country"
                    ).order_by("created_at"),
                    to_attr="registration_list",
                ),
            )
            .get(pk=pk)
        )
    except Consultation.DoesNotExist:
        raise Http404("No such consultation.") from None


def summary_of(*, meeting: Meeting) -> RapporteurSummary | None:
    return RapporteurSummary.objects.filter(meeting=meeting).select_related("updated_by").first()


def summary_published(*, meeting: Meeting) -> RapporteurSummary | None:
    """The Rapporteur's summary once staff published it, else None."""
    return RapporteurSummary.objects.filter(
        meeting=meeting, status=RapporteurSummary.Status.PUBLISHED
    ).first()


def gcm_talks(*, meeting: Meeting) -> QuerySet[GCMTalk]:
    return GCMTalk.objects.filter(meeting=meeting).prefetch_related("objectives")


# Session records ----------------------------------------------------------------------------


def record_sessions(*, meeting: Meeting) -> list[Session]:
    """Every session of the meeting in order, with ``point_count``."""
    return list(
        meeting.sessions.annotate(point_count=Count("recorded_points")).order_by(
            "starts_at", "number"
        )
    )


def session_for_records(*, meeting: Meeting, slug: str) -> Session:
    try:
        return (
            meeting.sessions.select_related("meeting").prefetch_related("objectives").get(slug=slug)
        )
    except Session.DoesNotExist:
        raise Http404("No such session.") from None


def _session_points() -> QuerySet[SessionPoint]:
    return (
        SessionPoint.objects.select_related(
            "session", "raised_by_state", "raised_by_category", "recorded_by"
        )
        .prefetch_related("objectives")
        .order_by("created_at", "pk")
    )


def session_points(*, session: Session) -> list[SessionPoint]:
    return list(_session_points().filter(session=session))


@dataclass(frozen=True)
class SessionRecords:
    session: Session
    # kind (SessionPoint.Kind value) -> the points of that kind, oldest first
    points: dict[str, list[SessionPoint]]

    @property
    def count(self) -> int:
        return sum(len(points) for points in self.points.values())


def session_records_by_session(*, meeting: Meeting) -> list[SessionRecords]:
    """For each session of the meeting in programme order: its recorded points grouped by kind
    (every kind present, possibly empty). Three queries."""
    sessions = list(programme_order(meeting))
    by_session: dict[int, dict[str, list[SessionPoint]]] = {
        s.pk: {kind: [] for kind in SessionPoint.Kind.values} for s in sessions
    }
    for point in _session_points().filter(session__meeting=meeting):
        by_session[point.session_id][point.kind].append(point)
    return [SessionRecords(session=s, points=by_session[s.pk]) for s in sessions]


def programme_order(meeting: Meeting) -> QuerySet[Session]:
    return meeting.sessions.prefetch_related("objectives").order_by("starts_at", "number")


# Every input in one place -------------------------------------------------------------------

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
    points = _session_points().filter(session__meeting=meeting)
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


# Personal data ------------------------------------------------------------------------------


@exporter("discussion_posts")
def _posts_export(user) -> list[dict]:
    return [
        {
            "thread": post.thread.slug,
            "in_reply_to": post.parent_id,
            "language": post.language,
            "text": post.text,
            "status": post.status,
            "rejection_reason": post.rejection_reason,
            "posted_at": post.created_at.isoformat(),
        }
        for post in DiscussionPost.objects.filter(author=user)
        .select_related("thread")
        .order_by("created_at")
    ]


@exporter("discussion_flags")
def _flags_export(user) -> list[dict]:
    return [
        {"post": flag.post_id, "reason": flag.reason, "flagged_at": flag.created_at.isoformat()}
        for flag in DiscussionFlag.objects.filter(user=user).order_by("created_at")
    ]


@exporter("consultation_registrations")
def _consultation_registrations_export(user) -> list[dict]:
    return [
        {
            "consultation": registration.consultation.title,
            "starts_at": registration.consultation.starts_at.isoformat(),
            "registered_at": registration.created_at.isoformat(),
        }
        for registration in ConsultationRegistration.objects.filter(user=user)
        .select_related("consultation")
        .order_by("created_at")
    ]
