"""Writes for deadline extensions: a State's focal point asks, Network staff decide.

Only a verified focal point of the State asks; only Network staff grant or decline. A grant
sets the State's ``DeadlineExtension`` (``submissions.services.deadline_extend``); every
decision mails the focal point who asked, in their language, through the outbox after commit.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_review.outbox import email_render_and_enqueue
from registration.models import FocalPoint, MemberState, User
from registration.permissions import is_network_staff
from sessions_app.models import Meeting

from .. import services as submission_services
from ..models import Submission
from .models import REASON_MAX_CHARS, ExtensionRequest

Status = ExtensionRequest.Status


def _text_required(text: str, *, missing, limit: int = REASON_MAX_CHARS) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(missing)
    if len(text) > limit:
        raise ValidationError(
            _("Keep it to %(limit)s characters or fewer."), params={"limit": limit}
        )
    return text


@transaction.atomic
def extension_request_create(
    *, meeting: Meeting, member_state: MemberState, by: User, reason: str, until: datetime.date
) -> ExtensionRequest:
    """A verified focal point of ``member_state`` asks for an extension until ``until``.

    Refused for anyone else (PermissionDenied), without a reason, for a date not after the
    current deadline, while a request of the State waits, or once the input is with the
    Network. Side effect: the meeting's contact address is told (in English).
    """
    if not FocalPoint.objects.filter(
        user=by, member_state=member_state, status=FocalPoint.Status.VERIFIED
    ).exists():
        raise PermissionDenied
    reason = _text_required(reason, missing=_("Say why your State needs more time."))
    deadline = submission_services.submission_deadline(meeting=meeting, member_state=member_state)
    if until <= deadline.astimezone(meeting.tzinfo).date():
        raise ValidationError(
            _("Choose a date after the current deadline (%(deadline)s)."),
            params={"deadline": deadline.astimezone(meeting.tzinfo).date().isoformat()},
        )
    status = (
        Submission.objects.filter(meeting=meeting, member_state=member_state)
        .values_list("status", flat=True)
        .first()
    )
    if status in submission_services.SENT:
        raise ValidationError(_("Your written input is already with the Network."))
    MemberState.objects.select_for_update().get(pk=member_state.pk)  # one request at a time
    waiting = ExtensionRequest.objects.pending().filter(meeting=meeting, member_state=member_state)
    if waiting.exists():
        raise ValidationError(
            _("Your State's request is waiting for the Network's answer: you will get a mail.")
        )
    extension_request = ExtensionRequest.objects.create(
        meeting=meeting,
        member_state=member_state,
        requested_by=by,
        reason=reason,
        until_wished=until,
    )
    if meeting.contact_email:
        email_render_and_enqueue(
            to=meeting.contact_email,
            template="extension_requested",
            context={"extension_request": extension_request},
            language="en",
        )
    return extension_request


def _pending_locked(extension_request: ExtensionRequest, by: User) -> ExtensionRequest:
    if not is_network_staff(by):
        raise PermissionDenied
    locked = (
        ExtensionRequest.objects.select_for_update(of=("self",))
        .select_related("meeting", "member_state", "requested_by")
        .get(pk=extension_request.pk)
    )
    if locked.status != Status.PENDING:
        raise ValidationError(
            _("This request has already been decided (%(status)s)."),
            params={"status": locked.get_status_display().lower()},
        )
    return locked


@transaction.atomic
def extension_request_grant(
    *, extension_request: ExtensionRequest, by: User, until: datetime.datetime
) -> ExtensionRequest:
    """Staff grant the request: the State may edit and submit until ``until`` (in the future).

    Side effects: the State's DeadlineExtension is set; the focal point who asked is mailed.
    """
    extension_request = _pending_locked(extension_request, by)
    if until <= timezone.now():
        raise ValidationError(_("Choose a date and time in the future."))
    submission_services.deadline_extend(
        meeting=extension_request.meeting,
        member_state=extension_request.member_state,
        until=until,
        by=by,
    )
    return _decide(extension_request, by=by, status=Status.GRANTED, granted_until=until)


@transaction.atomic
def extension_request_decline(
    *, extension_request: ExtensionRequest, by: User, comment: str
) -> ExtensionRequest:
    """Staff decline the request, saying why; the focal point who asked is mailed."""
    extension_request = _pending_locked(extension_request, by)
    comment = _text_required(comment, missing=_("Say why the request is declined."))
    return _decide(extension_request, by=by, status=Status.DECLINED, staff_comment=comment)


def _decide(extension_request: ExtensionRequest, *, by: User, status: str, **fields):
    for name, value in {"status": status, "decided_by": by, **fields}.items():
        setattr(extension_request, name, value)
    extension_request.decided_at = timezone.now()
    extension_request.save()
    person = extension_request.requested_by
    if person is not None and person.is_active:
        email_render_and_enqueue(
            to=person.email,
            template=f"extension_{status}",
            context={"extension_request": extension_request, "user": person},
            language=person.preferred_language,
        )
    return extension_request
