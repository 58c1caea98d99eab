"""Reads for the Discussion Space, with their queries done: threads, the posts a viewer may
read, a person's posts, the moderation queue; and the personal-data exporters of posts and
flags."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from gcm_review.personal_data import exporter
from registration.permissions import is_network_staff
from sessions_app.models import Meeting

from .models import DiscussionFlag, DiscussionPost, DiscussionThread

Status = DiscussionPost.Status
AUTHOR_RELATED = (
    "author__stakeholder_category",
    "author__focal_point__member_state",
)


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
