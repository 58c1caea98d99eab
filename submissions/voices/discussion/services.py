"""Writes for the Discussion Space: its threads, posts and flags, and their moderation.

Every rule is checked here, whatever the browser sends: who may act, whether a thread is open,
the rate limit. Mails go through the outbox after commit.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gcm_review.i18n import moment_text
from gcm_review.outbox import email_render_and_enqueue
from registration.models import User
from sessions_app.models import Meeting, Session

from .. import permissions
from ..models import REASON_MAX_CHARS
from .models import POST_MAX_CHARS, DiscussionFlag, DiscussionPost, DiscussionThread

# The Discussion Space refuses a user's post when they already posted this many in the window.
POST_RATE_LIMIT = 10
POST_RATE_WINDOW = datetime.timedelta(minutes=1)


def _date_text(moment: datetime.datetime, meeting: Meeting) -> str:
    return moment_text(moment, meeting.tzinfo)


# Threads ------------------------------------------------------------------------------------


def discussion_threads_ensure(*, meeting: Meeting) -> int:
    """One thread per guiding question and per thematic session, open from eight weeks before
    the meeting until a week after it; returns how many were created."""
    opens_at, closes_at = DiscussionThread.default_window(meeting)
    wanted = [
        (f"question-{question.letter}", {"question": question})
        for question in meeting.guiding_questions.order_by("letter")
    ] + [
        (f"session-{session.number}", {"session": session})
        for session in meeting.sessions.filter(kind=Session.Kind.THEMATIC).order_by("number")
    ]
    created = 0
    for slug, target in wanted:
        _thread, was_created = DiscussionThread.objects.get_or_create(
            meeting=meeting,
            slug=slug,
            defaults={**target, "opens_at": opens_at, "closes_at": closes_at},
        )
        created += was_created
    return created


def discussion_demo_open(
    *, meeting: Meeting, now: datetime.datetime, until: datetime.datetime
) -> int:
    """Open every thread of the meeting from now until ``until`` (``seed --demo``)."""
    discussion_threads_ensure(meeting=meeting)
    opens_at, _closes_at = DiscussionThread.default_window(meeting)
    return DiscussionThread.objects.filter(meeting=meeting).update(
        opens_at=min(now, opens_at), closes_at=until
    )


# Posts and their moderation ---------------------------------------------------------------


@transaction.atomic
def post_create(
    *,
    thread: DiscussionThread,
    author: User,
    text: str,
    language: str,
    parent: DiscussionPost | None = None,
    now: datetime.datetime | None = None,
) -> DiscussionPost:
    """A post (or a reply to a published post of the same thread), waiting for moderation.

    Refused when the author may not post (staff, anonymous), the thread is not open, the
    text is empty or too long, the language is not English, French or Russian, or the author
    already posted ``POST_RATE_LIMIT`` times in the last minute (counted in the database,
    under a lock on the author, so parallel requests cannot slip through).
    """
    if not permissions.can_post(author):
        raise PermissionDenied
    now = now or timezone.now()
    meeting = thread.meeting
    if not thread.has_opened(now):
        raise ValidationError(
            _("This thread opens on %(date)s; posts are accepted from then."),
            params={"date": _date_text(thread.opens_at, meeting)},
        )
    if not thread.is_open(now):
        raise ValidationError(
            _("This thread closed on %(date)s: it no longer accepts posts."),
            params={"date": _date_text(thread.closes_at, meeting)},
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write something before posting."))
    if len(text) > POST_MAX_CHARS:
        raise ValidationError(
            ngettext_lazy(
                "A post can be at most %(limit)s characters long; this one has %(count)s.",
                "A post can be at most %(limit)s characters long; this one has %(count)s.",
                "count",
            ),
            params={"limit": f"{POST_MAX_CHARS:,}".replace(",", " "), "count": len(text)},
        )
    if language not in DiscussionPost.Language.values:
        raise ValidationError(_("Choose English, French or Russian."))
    if parent is not None and (
        parent.thread_id != thread.pk
        or parent.parent_id is not None
        or parent.status != DiscussionPost.Status.APPROVED
    ):
        raise ValidationError(_("You can reply only to a published post of this thread."))
    User.objects.select_for_update().filter(pk=author.pk).first()
    recent = DiscussionPost.objects.filter(
        author=author, created_at__gt=now - POST_RATE_WINDOW
    ).count()
    if recent >= POST_RATE_LIMIT:
        raise ValidationError(
            _(
                "You have posted %(count)s times in the last minute, the most the Discussion "
                "Space accepts. Wait a minute, then post again."
            ),
            params={"count": recent},
        )
    return DiscussionPost.objects.create(
        thread=thread, parent=parent, author=author, text=text, language=language, created_at=now
    )


def _ensure_moderator(user: User) -> None:
    if not permissions.can_moderate(user):
        raise PermissionDenied


def _post_locked(post: DiscussionPost) -> DiscussionPost:
    return DiscussionPost.objects.select_for_update().get(pk=post.pk)


def _flags_resolve(post: DiscussionPost, by: User) -> int:
    return post.flags.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by
    )


@transaction.atomic
def post_approve(*, post: DiscussionPost, by: User) -> DiscussionPost:
    """Staff publish a post that waits for moderation."""
    _ensure_moderator(by)
    post = _post_locked(post)
    if post.status != DiscussionPost.Status.PENDING:
        raise ValidationError(
            _("This post is %(status)s: only posts awaiting moderation can be approved."),
            params={"status": post.get_status_display().lower()},
        )
    post.status, post.moderated_by, post.moderated_at = (
        DiscussionPost.Status.APPROVED,
        by,
        timezone.now(),
    )
    post.save(update_fields=["status", "moderated_by", "moderated_at"])
    return post


@transaction.atomic
def post_reject(*, post: DiscussionPost, by: User, reason: str) -> DiscussionPost:
    """Staff reject a waiting post, or take down a published one, saying why. The author sees
    the reason next to their post and by mail; open flags on it are resolved."""
    _ensure_moderator(by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the author a reason for the rejection."))
    if len(reason) > REASON_MAX_CHARS:
        raise ValidationError(
            _("Keep the reason under %(limit)s characters."),
            params={"limit": f"{REASON_MAX_CHARS:,}".replace(",", " ")},
        )
    post = _post_locked(post)
    if post.status == DiscussionPost.Status.REJECTED:
        raise ValidationError(_("This post has already been rejected."))
    post.status, post.rejection_reason = DiscussionPost.Status.REJECTED, reason
    post.moderated_by, post.moderated_at = by, timezone.now()
    post.save(update_fields=["status", "rejection_reason", "moderated_by", "moderated_at"])
    _flags_resolve(post, by)
    author = post.author
    if author is not None:
        email_render_and_enqueue(
            to=author.email,
            template="discussion_post_rejected",
            context={"post": post, "thread": post.thread, "user": author},
            language=author.preferred_language,
        )
    return post


@transaction.atomic
def post_flag(*, post: DiscussionPost, by: User, reason: str = "") -> DiscussionFlag:
    """Someone signed in asks staff to look again at a published post (once per person)."""
    if not permissions.can_flag(by):
        raise PermissionDenied
    if post.status != DiscussionPost.Status.APPROVED:
        raise ValidationError(_("Only published posts can be flagged."))
    if post.author_id == by.pk:
        raise ValidationError(_("You cannot flag your own post."))
    reason = (reason or "").strip()[:REASON_MAX_CHARS]
    flag, created = DiscussionFlag.objects.get_or_create(
        post=post, user=by, defaults={"reason": reason}
    )
    if not created:
        raise ValidationError(_("You have already flagged this post."))
    return flag


@transaction.atomic
def flags_dismiss(*, post: DiscussionPost, by: User) -> int:
    """Staff keep a flagged post published; its open flags are resolved."""
    _ensure_moderator(by)
    resolved = _flags_resolve(post, by)
    if not resolved:
        raise ValidationError(_("This post has no open flags."))
    return resolved
