"""Writes for side events: organisations propose, Network staff decide, people take a seat.

A proposal is accepted only while the meeting's call is open, from someone
``can_propose_side_event`` lets in, for a time on one of the meeting's days. Staff approve or
decline (with a reason); either decision mails the proposer in their language. In-portal
sign-up takes a seat under a lock on the side event, so two people never share the last one.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_review.outbox import email_render_and_enqueue
from gcm_review.text import html_to_text, is_web_address, text_to_html
from registration.models import User
from registration.permissions import is_network_staff
from sessions_app.models import Meeting

from . import selectors
from .models import (
    DESCRIPTION_MAX_CHARS,
    ORGANISERS_MAX_CHARS,
    REASON_MAX_CHARS,
    SEATS_MAX,
    TITLE_MAX_CHARS,
    SideEvent,
    SideEventSignUp,
)
from .permissions import can_propose_side_event

Status = SideEvent.Status


def _text(value: str, *, limit: int, missing) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(missing)
    if len(value) > limit:
        raise ValidationError(
            _("Keep it to %(limit)s characters or fewer."), params={"limit": limit}
        )
    return value


def _address(value: str, *, missing) -> str:
    value = (value or "").strip()
    if not is_web_address(value):
        raise ValidationError(missing)
    return value


def _proposal_fields(meeting: Meeting, data: dict) -> dict:
    """The model's fields from what the proposer gave; ValidationError keyed by field."""
    errors, fields = {}, {}

    def check(name, function):
        try:
            return function()
        except ValidationError as error:
            errors[name] = error.messages
            return None

    fields["title"] = check(
        "title",
        lambda: _text(data["title"], limit=TITLE_MAX_CHARS, missing=_("Give the title.")),
    )
    fields["organisers"] = check(
        "organisers",
        lambda: _text(
            data["organisers"],
            limit=ORGANISERS_MAX_CHARS,
            missing=_("Name the organisations that organise it."),
        ),
    )
    description = text_to_html(data["description"] or "")
    fields["description"] = check(
        "description",
        lambda: _text(
            description if html_to_text(description) else "",
            limit=DESCRIPTION_MAX_CHARS,
            missing=_("Describe the side event."),
        ),
    )
    day, starts, ends = data["day"], data["starts"], data["ends"]
    if day not in selectors.side_event_days(meeting=meeting):
        errors["day"] = [_("Choose a day of the meeting.")]
    elif ends <= starts:
        errors["ends"] = [_("The side event must end after it starts.")]
    else:
        fields["starts_at"] = datetime.datetime.combine(day, starts, tzinfo=meeting.tzinfo)
        fields["ends_at"] = datetime.datetime.combine(day, ends, tzinfo=meeting.tzinfo)
    fields["venue"] = data["venue"]
    if data["venue"] == SideEvent.Venue.ROOM:
        fields["room"] = check(
            "room", lambda: _text(data["room"], limit=200, missing=_("Name the room."))
        )
    else:
        fields["online_url"] = check(
            "online_url",
            lambda: _address(data["online_url"], missing=_("Give the web address to join.")),
        )
    fields["sign_up"] = data["sign_up"]
    if data["sign_up"] == SideEvent.SignUp.LINK:
        fields["registration_url"] = check(
            "registration_url",
            lambda: _address(
                data["registration_url"], missing=_("Give the web address of the registration.")
            ),
        )
    elif not data["seats"] or not 0 < data["seats"] <= SEATS_MAX:
        errors["seats"] = [_("Give the number of seats, from 1 to %(most)s.") % {"most": SEATS_MAX}]
    else:
        fields["seats"] = data["seats"]
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def side_event_propose(
    *, meeting: Meeting, by: User, now: datetime.datetime | None = None, **data
) -> SideEvent:
    """``by`` proposes a side event (fields as in ``SideEventProposalForm``).

    Refused (PermissionDenied) for anyone ``can_propose_side_event`` keeps out; a
    ValidationError while the call is closed or for a field given wrong. Side effect: the
    meeting's contact address is told (in English); staff decide next.
    """
    if not can_propose_side_event(by, meeting):
        raise PermissionDenied
    if not selectors.side_event_call(meeting=meeting).is_open(now):
        raise ValidationError(_("The call for side events is closed."))
    side_event = SideEvent.objects.create(
        meeting=meeting, proposer=by, **_proposal_fields(meeting, data)
    )
    if meeting.contact_email:
        email_render_and_enqueue(
            to=meeting.contact_email,
            template="side_event_proposed",
            context={"side_event": side_event},
            language="en",
        )
    return side_event


def demo_side_event_call_open(*, meeting: Meeting, now, until) -> None:
    """Open the call for side events from now until ``until`` (``seed --demo``)."""
    call = selectors.side_event_call(meeting=meeting)
    call.opens_at, call.closes_at = min(now, call.opens_at), until
    call.save()


def _pending_locked(side_event: SideEvent, by: User) -> SideEvent:
    if not is_network_staff(by):
        raise PermissionDenied
    locked = (
        SideEvent.objects.select_for_update(of=("self",))
        .select_related("meeting", "proposer")
        .get(pk=side_event.pk)
    )
    if locked.status != Status.PENDING:
        raise ValidationError(_("This side event has already been decided."))
    return locked


@transaction.atomic
def side_event_approve(*, side_event: SideEvent, by: User) -> SideEvent:
    """Staff approve: the side event appears in the calendar; the proposer is mailed."""
    return _decide(_pending_locked(side_event, by), by=by, status=Status.APPROVED, reason="")


@transaction.atomic
def side_event_decline(*, side_event: SideEvent, by: User, reason: str) -> SideEvent:
    """Staff decline, saying why; the proposer is mailed the reason."""
    side_event = _pending_locked(side_event, by)
    reason = _text(reason, limit=REASON_MAX_CHARS, missing=_("Say why the side event is declined."))
    return _decide(side_event, by=by, status=Status.DECLINED, reason=reason)


def _decide(side_event: SideEvent, *, by: User, status: str, reason: str) -> SideEvent:
    side_event.status = status
    side_event.decision_reason = reason
    side_event.decided_by = by
    side_event.decided_at = timezone.now()
    side_event.save()
    person = side_event.proposer
    if person is not None and person.is_active:
        email_render_and_enqueue(
            to=person.email,
            template=f"side_event_{status}",
            context={"side_event": side_event, "user": person},
            language=person.preferred_language,
        )
    return side_event


@transaction.atomic
def side_event_sign_up(
    *, side_event: SideEvent, user: User, now: datetime.datetime | None = None
) -> SideEventSignUp:
    """Take a seat at an approved side event with in-portal sign-up that has not started.

    The side event's row is locked while the seats are counted, so of two people asking for
    the last seat at once one gets it and the other a ValidationError. Signing up twice
    keeps the one seat.
    """
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    event = SideEvent.objects.select_for_update().get(pk=side_event.pk)
    if event.status != Status.APPROVED or not event.is_portal_sign_up:
        raise ValidationError(_("This side event takes no sign-up here."))
    if (now or timezone.now()) >= event.starts_at:
        raise ValidationError(_("This side event has started: sign-up is closed."))
    existing = SideEventSignUp.objects.filter(side_event=event, user=user).first()
    if existing is not None:
        return existing
    if SideEventSignUp.objects.filter(side_event=event).count() >= event.seats:
        raise ValidationError(_("Every seat is taken."))
    return SideEventSignUp.objects.create(side_event=event, user=user)


@transaction.atomic
def side_event_sign_up_cancel(*, side_event: SideEvent, user: User) -> None:
    """Give up one's seat; it is free for the next person at once."""
    SideEventSignUp.objects.filter(side_event=side_event, user=user).delete()
