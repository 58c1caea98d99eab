"""Writes for stakeholder voices: consultations, the Rapporteur's summary and session records
(the Discussion Space has its own, in ``discussion/services.py``).

Every rule is checked here, whatever the browser sends: who may act, the workflow of the
summary. Mails go through the outbox after commit.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_review.audit import Action, audit_record
from gcm_review.outbox import email_render_and_enqueue
from gcm_review.text import html_to_text, text_to_html
from registration.models import STAFF_GROUP, MemberState, StakeholderCategory, User
from sessions_app.models import GCMObjective, Meeting, Session

from . import permissions
from .discussion.services import discussion_threads_ensure
from .models import (
    REASON_MAX_CHARS,
    RECORD_MAX_CHARS,
    Consultation,
    ConsultationRegistration,
    KeyMessage,
    RapporteurSummary,
    SessionPoint,
)

SUMMARY_MAX_CHARS = 40_000


class StaleVersion(Exception):
    """Someone else saved the summary since this form was loaded."""


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
