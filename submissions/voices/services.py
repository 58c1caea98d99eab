"""Writes for stakeholder voices: consultations, the Rapporteur's summary, session records and
the Discussion Space with its moderation.

Every rule is checked here, whatever the browser sends: who may act, whether a thread is open,
the rate limit, the workflow of the summary. Mails go through the outbox after commit.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gcm_review.audit import Action, audit_record
from gcm_review.i18n import moment_text
from gcm_review.outbox import email_render_and_enqueue
from gcm_review.text import html_to_text, text_to_html
from registration.models import STAFF_GROUP, MemberState, StakeholderCategory, User
from sessions_app.models import GCMObjective, Meeting, Session

from . import permissions
from .models import (
    POST_MAX_CHARS,
    RECORD_MAX_CHARS,
    Consultation,
    ConsultationRegistration,
    DiscussionFlag,
    DiscussionPost,
    DiscussionThread,
    KeyMessage,
    RapporteurSummary,
    SessionPoint,
)

# The Discussion Space refuses a user's post when they already posted this many in the window.
POST_RATE_LIMIT = 10
POST_RATE_WINDOW = datetime.timedelta(minutes=1)
SUMMARY_MAX_CHARS = 40_000
REASON_MAX_CHARS = 2_000


class StaleVersion(Exception):
    """Someone else saved the summary since this form was loaded."""


def _date_text(moment: datetime.datetime, meeting: Meeting) -> str:
    return moment_text(moment, meeting.tzinfo)


# Reference data -----------------------------------------------------------------------------

# What Network staff may do in the administration with these models.
STAFF_PERMISSIONS = [
    *(
        f"{action}_{model}"
        for model in ("consultation", "gcmtalk")
        for action in ("view", "add", "change", "delete")
    ),
    "view_consultationregistration",
    "view_discussionthread",
    "change_discussionthread",
    "view_keymessage",
    "view_sessionpoint",
]


@transaction.atomic
def voices_seed(*, meeting: Meeting | None = None) -> dict[str, int]:
    """The Discussion Space threads of the meeting and the staff's rights in the admin.

    Idempotent: threads are looked up by their slug and created only when missing, so a
    second run creates nothing and never moves dates staff have edited.
    """
    staff_permissions_ensure()
    meeting = meeting or Meeting.objects.filter(slug="unece-2024").first()
    if meeting is None:
        return {"discussion_threads": 0}
    return {"discussion_threads": discussion_threads_ensure(meeting=meeting)}


def staff_permissions_ensure() -> None:
    group, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="submissions", codename__in=STAFF_PERMISSIONS
        )
    )


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


# Consultations ------------------------------------------------------------------------------


@transaction.atomic
def consultation_register(
    *, consultation: Consultation, user: User, now: datetime.datetime | None = None
) -> ConsultationRegistration:
    """Register a stakeholder for a consultation before it starts; mails a confirmation."""
    if not permissions.can_register_for_consultations(user):
        raise PermissionDenied
    if consultation.has_started(now):
        raise ValidationError(_("This consultation has started: registration is closed."))
    registration, created = ConsultationRegistration.objects.get_or_create(
        consultation=consultation, user=user
    )
    if created:
        email_render_and_enqueue(
            to=user.email,
            template="consultation_registered",
            context={"consultation": consultation, "user": user},
            language=user.preferred_language,
        )
    return registration


@transaction.atomic
def consultation_cancel(
    *, consultation: Consultation, user: User, now: datetime.datetime | None = None
) -> None:
    """Cancel one's registration for a consultation that has not started."""
    if consultation.has_started(now):
        raise ValidationError(_("This consultation has started: the registration stays."))
    ConsultationRegistration.objects.filter(consultation=consultation, user=user).delete()


def _ensure_recorder(user: User, meeting: Meeting) -> None:
    if not permissions.can_record_outcomes(user, meeting):
        raise PermissionDenied


def _clean_text(text: str, *, what) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the %(what)s."), params={"what": what})
    if len(text) > RECORD_MAX_CHARS:
        raise ValidationError(
            _("Keep it under %(limit)s characters."),
            params={"limit": f"{RECORD_MAX_CHARS:,}".replace(",", " ")},
        )
    return text


def _ensure_objectives(objectives) -> list[GCMObjective]:
    objectives = list(objectives)
    if not objectives:
        raise ValidationError(_("Tick at least one GCM objective."))
    return objectives


@transaction.atomic
def key_message_save(
    *,
    consultation: Consultation,
    by: User,
    kind: str,
    text: str,
    session: Session,
    objectives: list[GCMObjective],
    message: KeyMessage | None = None,
    now: datetime.datetime | None = None,
) -> KeyMessage:
    """Record (or correct) a key message or priority area of a consultation once it has
    started, tagged with a thematic session of the meeting and at least one objective."""
    _ensure_recorder(by, consultation.meeting)
    if not consultation.has_started(now):
        raise ValidationError(_("Key messages are recorded once the consultation has taken place."))
    if kind not in KeyMessage.Kind.values:
        raise ValidationError(_("Choose whether this is a key message or a priority area."))
    if session.meeting_id != consultation.meeting_id or session.kind != Session.Kind.THEMATIC:
        raise ValidationError(_("Choose one of the meeting's thematic sessions."))
    text = _clean_text(text, what=_("message"))
    objectives = _ensure_objectives(objectives)
    if message is None:
        message = KeyMessage(consultation=consultation)
    elif message.consultation_id != consultation.pk:
        raise PermissionDenied
    message.kind, message.text, message.session, message.recorded_by = kind, text, session, by
    message.save()
    message.objectives.set(objectives)
    return message


@transaction.atomic
def key_message_delete(*, message: KeyMessage, by: User) -> None:
    _ensure_recorder(by, message.consultation.meeting)
    message.delete()


# Session records ----------------------------------------------------------------------------


@transaction.atomic
def session_point_save(
    *,
    session: Session,
    by: User,
    kind: str,
    text: str,
    objectives: list[GCMObjective],
    raised_by_state: MemberState | None = None,
    raised_by_category: StakeholderCategory | None = None,
    point: SessionPoint | None = None,
    now: datetime.datetime | None = None,
) -> SessionPoint:
    """Record (or correct) what was said in a session, once it has started: a key point,
    challenge, good practice or recommendation, its objectives, and who raised it (a Member
    State or a stakeholder category, exactly one)."""
    _ensure_recorder(by, session.meeting)
    if (now or timezone.now()) < session.starts_at:
        raise ValidationError(_("Session records are kept on the day, once the session starts."))
    if kind not in SessionPoint.Kind.values:
        raise ValidationError(_("Choose what kind of point this is."))
    if (raised_by_state is None) == (raised_by_category is None):
        raise ValidationError(
            _("Say who raised it: either a Member State or a stakeholder category.")
        )
    text = _clean_text(text, what=_("point"))
    objectives = _ensure_objectives(objectives)
    if point is None:
        point = SessionPoint(session=session)
    elif point.session_id != session.pk:
        raise PermissionDenied
    point.kind, point.text, point.recorded_by = kind, text, by
    point.raised_by_state, point.raised_by_category = raised_by_state, raised_by_category
    point.save()
    point.objectives.set(objectives)
    return point


@transaction.atomic
def session_point_delete(*, point: SessionPoint, by: User) -> None:
    _ensure_recorder(by, point.session.meeting)
    point.delete()


# The Rapporteur's summary -------------------------------------------------------------------


def summary_get_or_create(*, meeting: Meeting) -> RapporteurSummary:
    summary, _created = RapporteurSummary.objects.get_or_create(meeting=meeting)
    return summary


def _summary_locked(meeting: Meeting) -> RapporteurSummary:
    summary_get_or_create(meeting=meeting)
    return RapporteurSummary.objects.select_for_update().get(meeting=meeting)


def _summary_clean(raw: str) -> str:
    html = text_to_html(raw)
    if len(html_to_text(html)) > SUMMARY_MAX_CHARS:
        raise ValidationError(
            _("The summary is longer than %(limit)s characters."),
            params={"limit": f"{SUMMARY_MAX_CHARS:,}".replace(",", " ")},
        )
    return html


@transaction.atomic
def summary_save(
    *, meeting: Meeting, by: User, version: int, body: str, language: str
) -> RapporteurSummary:
    """Save the draft (sanitised). Refused once submitted, or when the form was loaded from
    an older version (StaleVersion)."""
    _ensure_recorder(by, meeting)
    body = _summary_clean(body)
    if language not in RapporteurSummary.Language.values:
        raise ValidationError(_("Choose the language of the summary."))
    summary = _summary_locked(meeting)
    if summary.status != RapporteurSummary.Status.DRAFT:
        raise ValidationError(
            _("The summary is %(status)s and can no longer be changed."),
            params={"status": summary.get_status_display().lower()},
        )
    if summary.version != version:
        raise StaleVersion
    summary.body, summary.language, summary.updated_by = body, language, by
    summary.version += 1
    summary.save()
    return summary


@transaction.atomic
def summary_submit(*, meeting: Meeting, by: User, version: int) -> RapporteurSummary:
    """Send the draft to Network staff for publication; it must not be empty."""
    _ensure_recorder(by, meeting)
    summary = _summary_locked(meeting)
    if summary.version != version:
        raise StaleVersion
    if summary.status != RapporteurSummary.Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    if not html_to_text(summary.body).strip():
        raise ValidationError(_("Write the summary before submitting it."))
    summary.status, summary.submitted_at, summary.updated_by = (
        RapporteurSummary.Status.SUBMITTED,
        timezone.now(),
        by,
    )
    summary.version += 1
    summary.save()
    return summary


@transaction.atomic
def summary_publish(*, meeting: Meeting, by: User) -> RapporteurSummary:
    """Staff publish the submitted summary on the consultations page."""
    if not permissions.can_publish_summary(by):
        raise PermissionDenied
    summary = _summary_locked(meeting)
    if summary.status != RapporteurSummary.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted summary can be published."))
    summary.status, summary.published_at, summary.updated_by = (
        RapporteurSummary.Status.PUBLISHED,
        timezone.now(),
        by,
    )
    summary.staff_comment = ""
    summary.version += 1
    summary.save()
    audit_record(
        action=Action.PUBLICATION, actor=by, target=summary, detail={"status": "published"}
    )
    return summary


@transaction.atomic
def summary_return(*, meeting: Meeting, by: User, comment: str) -> RapporteurSummary:
    """Staff send the summary back to a draft (also taking it off the public page), saying
    why."""
    if not permissions.can_publish_summary(by):
        raise PermissionDenied
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Say what should change before returning the summary."))
    summary = _summary_locked(meeting)
    if summary.status == RapporteurSummary.Status.DRAFT:
        raise ValidationError(_("The summary is already a draft."))
    summary.status, summary.published_at = RapporteurSummary.Status.DRAFT, None
    summary.staff_comment, summary.updated_by = comment[:REASON_MAX_CHARS], by
    summary.version += 1
    summary.save()
    return summary


# The Discussion Space -----------------------------------------------------------------------


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
