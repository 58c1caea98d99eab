"""Writes for written inputs: drafting, attachments, the review workflow, extensions.

Every change is checked against the workflow and the deadline here, whatever the browser
sends; every change leaves a revision; mails go through the outbox after commit.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gcm_review.audit import Action, audit_record
from gcm_review.outbox import email_render_and_enqueue
from gcm_review.page_cache import content_changed
from gcm_review.text import html_to_text, text_to_html
from gcm_review.uploads import DOCX, ODT, PDF, safe_filename, validate_upload
from registration.models import FocalPoint, MemberState, User
from sessions_app.models import GCMObjective, KeyDate, Meeting

from .models import (
    ANSWER_MAX_CHARS,
    ATTACHMENT_MAX_BYTES,
    ATTACHMENTS_MAX,
    Answer,
    Attachment,
    CooperationNeed,
    DeadlineExtension,
    Revision,
    Submission,
)

Status = Submission.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)
SENT = (Status.SUBMITTED, Status.PUBLISHED)  # with the Network: no extension needed
SEARCH_CONFIGS = {"en": "english", "fr": "french", "ru": "russian", "other": "simple"}


class StaleVersion(Exception):
    """Someone else saved the input since this form was loaded."""


# Deadline -----------------------------------------------------------------------------------


def submission_deadline(*, meeting: Meeting, member_state: MemberState) -> datetime.datetime:
    """The written-inputs deadline of the meeting, or the state's extension if later."""
    from sessions_app.selectors import key_date_at

    deadline = key_date_at(meeting=meeting, kind=KeyDate.Kind.WRITTEN_INPUTS_DUE)
    extension = DeadlineExtension.objects.filter(meeting=meeting, member_state=member_state).first()
    return max(deadline, extension.until) if extension else deadline


def _ensure_before_deadline(submission: Submission) -> None:
    deadline = submission_deadline(meeting=submission.meeting, member_state=submission.member_state)
    if timezone.now() > deadline:
        raise ValidationError(
            _("The deadline for written inputs has passed. Ask the Network for an extension.")
        )


@transaction.atomic
def deadline_extend(
    *, meeting: Meeting, member_state: MemberState, until: datetime.datetime, by: User
) -> DeadlineExtension:
    """Let one state edit and submit its written input until ``until``."""
    extension, _created = DeadlineExtension.objects.update_or_create(
        meeting=meeting, member_state=member_state, defaults={"until": until, "granted_by": by}
    )
    return extension


def demo_extensions_grant(*, meeting: Meeting, until: datetime.datetime) -> list[str]:
    """Extend the deadline of the states whose focal points have demo accounts."""
    states = MemberState.objects.filter(
        focal_points__user__email__endswith="@demo.gcm-review.org",
        focal_points__status=FocalPoint.Status.VERIFIED,
    ).distinct()
    for state in states:
        DeadlineExtension.objects.update_or_create(
            meeting=meeting, member_state=state, defaults={"until": until}
        )
    return [state.name for state in states]


# Drafting -----------------------------------------------------------------------------------


def _ensure_focal_point(user: User, submission: Submission) -> None:
    is_focal_point = FocalPoint.objects.filter(
        user=user, member_state_id=submission.member_state_id, status=FocalPoint.Status.VERIFIED
    ).exists()
    if not is_focal_point:
        raise PermissionDenied


@transaction.atomic
def submission_get_or_create(*, meeting: Meeting, member_state: MemberState) -> Submission:
    """The state's written input, created as an empty draft with one answer per question."""
    submission, created = Submission.objects.get_or_create(
        meeting=meeting, member_state=member_state
    )
    if created:
        Answer.objects.bulk_create(
            Answer(submission=submission, question=question)
            for question in meeting.guiding_questions.all()
        )
    return submission


@transaction.atomic
def submission_save(
    *,
    submission: Submission,
    by: User,
    version: int,
    language: str,
    answers: dict[str, dict],
    cooperation: dict[str, list[GCMObjective]],
) -> Submission:
    """Save a draft: the answers (sanitised), their objectives and the cooperation areas.

    ``answers`` maps a question letter to {"text": str, "objectives": [GCMObjective]};
    ``cooperation`` maps an area to its objectives. Refused when the form was loaded from an
    older version (StaleVersion), after the deadline, or once submitted or published.
    """
    _ensure_focal_point(by, submission)
    cleaned = {letter: _answer_clean(letter, value["text"]) for letter, value in answers.items()}
    _ensure_editable(submission)
    _ensure_before_deadline(submission)
    _version_bump(submission, version=version, by=by, language=language)
    for answer in submission.answers.select_related("question"):
        letter = answer.question.letter
        if letter not in answers:
            continue
        answer.text = cleaned[letter]
        answer.text_plain = html_to_text(cleaned[letter])
        answer.save(update_fields=["text", "text_plain"])
        answer.objectives.set(answers[letter]["objectives"])
    _cooperation_set(submission, cooperation)
    _search_vectors_update(submission)
    revision_record(submission=submission, action=Revision.Action.SAVED, by=by)
    return submission


def _answer_clean(letter: str, raw: str) -> str:
    html = text_to_html(raw)
    if len(html_to_text(html)) > ANSWER_MAX_CHARS:
        raise ValidationError(
            _("The answer to question (%(letter)s) is longer than %(limit)s characters."),
            params={"letter": letter, "limit": f"{ANSWER_MAX_CHARS:,}".replace(",", " ")},
        )
    return html


def _ensure_editable(submission: Submission) -> None:
    if submission.status not in EDITABLE:
        raise ValidationError(
            _("This written input is %(status)s and can no longer be changed."),
            params={"status": submission.get_status_display().lower()},
        )


def _version_bump(submission: Submission, *, version: int, by: User, **fields) -> None:
    """Optimistic locking: the row changes only if nobody saved since ``version``."""
    changed = Submission.objects.filter(pk=submission.pk, version=version).update(
        version=F("version") + 1, updated_by=by, updated_at=timezone.now(), **fields
    )
    if not changed:
        raise StaleVersion
    content_changed()
    submission.refresh_from_db()


def _cooperation_set(submission: Submission, cooperation: dict[str, list]) -> None:
    submission.cooperation_needs.exclude(area__in=cooperation.keys()).delete()
    for area, objectives in cooperation.items():
        need, _created = CooperationNeed.objects.get_or_create(submission=submission, area=area)
        need.objectives.set(objectives)


def _search_vectors_update(submission: Submission) -> None:
    """PostgreSQL full-text vectors of the answers, in the configuration of their language."""
    if connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector

    config = SEARCH_CONFIGS[submission.language]
    submission.answers.update(search_vector=SearchVector("text_plain", config=config))


# Attachments --------------------------------------------------------------------------------


@transaction.atomic
def attachment_add(*, submission: Submission, by: User, upload) -> Attachment:
    """Attach a PDF, DOCX or ODT file (judged by its bytes), at most 20 MB, five per input."""
    _ensure_focal_point(by, submission)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _ensure_editable(submission)
    _ensure_before_deadline(submission)
    if submission.attachments.count() >= ATTACHMENTS_MAX:
        raise ValidationError(
            ngettext_lazy(
                "A written input can have at most %(count)s attachment.",
                "A written input can have at most %(count)s attachments.",
                "count",
            ),
            params={"count": ATTACHMENTS_MAX},
        )
    kind = validate_upload(upload, allowed={PDF, DOCX, ODT}, max_bytes=ATTACHMENT_MAX_BYTES)
    name = safe_filename(upload.name, kind, default="attachment")
    attachment = Attachment(
        submission=submission, name=name, kind=kind, size=upload.size, uploaded_by=by
    )
    attachment.file.save(name, upload, save=True)
    revision_record(submission=submission, action=Revision.Action.ATTACHED, by=by)
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, by: User) -> None:
    """Remove an attachment of an editable input, before the deadline (as for every change)."""
    submission = attachment.submission
    _ensure_focal_point(by, submission)
    _ensure_editable(submission)
    _ensure_before_deadline(submission)
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
    revision_record(submission=submission, action=Revision.Action.DETACHED, by=by)


# Workflow -----------------------------------------------------------------------------------


def _transition(submission: Submission, *, allowed, to: str, by: User, **fields) -> Submission:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in allowed:
        raise ValidationError(
            _("This written input is %(status)s: that step is not possible now."),
            params={"status": submission.get_status_display().lower()},
        )
    for name, value in {"status": to, "updated_by": by, **fields}.items():
        setattr(submission, name, value)
    submission.version += 1
    submission.save()
    return submission


@transaction.atomic
def submission_submit(*, submission: Submission, by: User, version: int) -> Submission:
    """Send the input to the Network: every question must be answered, before the deadline.
    The State's verified focal points get a receipt, each in their language."""
    _ensure_focal_point(by, submission)
    if submission.version != version:
        raise StaleVersion
    _ensure_before_deadline(submission)
    missing = [
        a.question.letter
        for a in submission.answers.select_related("question")
        if not a.text_plain.strip()
    ]
    if missing:
        raise ValidationError(
            _("Answer every guiding question before submitting; missing: %(letters)s."),
            params={"letters": ", ".join(f"({letter})" for letter in missing)},
        )
    submission = _transition(
        submission, allowed=EDITABLE, to=Status.SUBMITTED, by=by, submitted_at=timezone.now()
    )
    revision_record(submission=submission, action=Revision.Action.SUBMITTED, by=by)
    _focal_points_mail(submission, "submission_received")
    return submission


@transaction.atomic
def submission_return(*, submission: Submission, by: User, comment: str) -> Submission:
    """Staff send the input back for changes, saying why; the focal points are told."""
    if not comment.strip():
        raise ValidationError(_("Say what should change before returning the input."))
    submission = _transition(
        submission,
        allowed=(Status.SUBMITTED,),
        to=Status.RETURNED,
        by=by,
        staff_comment=comment.strip(),
    )
    revision_record(submission=submission, action=Revision.Action.RETURNED, by=by)
    _focal_points_mail(submission, "submission_returned")
    return submission


@transaction.atomic
def submission_publish(*, submission: Submission, by: User) -> Submission:
    """Staff publish a submitted input on the portal; the focal points are told."""
    submission = _transition(
        submission,
        allowed=(Status.SUBMITTED,),
        to=Status.PUBLISHED,
        by=by,
        published_at=timezone.now(),
    )
    revision_record(submission=submission, action=Revision.Action.PUBLISHED, by=by)
    audit_record(
        action=Action.PUBLICATION, actor=by, target=submission, detail={"status": "published"}
    )
    _focal_points_mail(submission, "submission_published")
    return submission


@transaction.atomic
def submission_withdraw(*, submission: Submission, by: User) -> Submission:
    """The state (or staff) withdraw the input; it disappears from the public pages."""
    submission = _transition(
        submission,
        allowed=(Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.PUBLISHED),
        to=Status.WITHDRAWN,
        by=by,
    )
    revision_record(submission=submission, action=Revision.Action.WITHDRAWN, by=by)
    audit_record(
        action=Action.PUBLICATION, actor=by, target=submission, detail={"status": "withdrawn"}
    )
    return submission


@transaction.atomic
def submission_reopen(*, submission: Submission, by: User) -> Submission:
    """A withdrawn input becomes a draft again, while the deadline allows."""
    _ensure_focal_point(by, submission)
    _ensure_before_deadline(submission)
    submission = _transition(
        submission, allowed=(Status.WITHDRAWN,), to=Status.DRAFT, by=by, published_at=None
    )
    revision_record(submission=submission, action=Revision.Action.REOPENED, by=by)
    return submission


def _focal_points_mail(submission: Submission, template: str) -> None:
    focal_points = FocalPoint.objects.filter(
        member_state=submission.member_state, status=FocalPoint.Status.VERIFIED
    ).select_related("user")
    for focal_point in focal_points:
        email_render_and_enqueue(
            to=focal_point.user.email,
            template=template,
            context={"submission": submission, "user": focal_point.user},
            language=focal_point.user.preferred_language,
        )


# Revisions ----------------------------------------------------------------------------------


def revision_record(*, submission: Submission, action: str, by: User | None) -> Revision:
    """Keep a snapshot of the whole input as it is now."""
    last = submission.revisions.order_by("-number").values_list("number", flat=True).first()
    return Revision.objects.create(
        submission=submission,
        number=(last or 0) + 1,
        action=action,
        author=by,
        snapshot=_snapshot(submission),
    )


def _snapshot(submission: Submission) -> dict:
    answers = submission.answers.select_related("question").prefetch_related("objectives")
    needs = submission.cooperation_needs.prefetch_related("objectives")
    return {
        "status": submission.status,
        "language": submission.language,
        "answers": {
            a.question.letter: {
                "text": a.text_plain,
                "objectives": sorted(o.number for o in a.objectives.all()),
            }
            for a in answers
        },
        "cooperation": {n.area: sorted(o.number for o in n.objectives.all()) for n in needs},
        "attachments": list(submission.attachments.values_list("name", flat=True)),
    }
