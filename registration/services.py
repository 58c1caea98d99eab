"""Writes for meeting registration and its accreditation by Network staff.

Every function validates, changes state, and schedules its mails through the outbox, which
sends them after the transaction commits. Views, admin actions, imports and commands all
come through here.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_review.audit import Action, audit_record
from gcm_review.outbox import email_render_and_enqueue
from sessions_app.models import KeyDate, Meeting
from sessions_app.selectors import window_is_open

from .accounts.services import profile_update
from .models import LogisticsNote, Registration, User


def registration_window_is_open(*, meeting: Meeting) -> bool:
    return window_is_open(
        meeting=meeting,
        opens=KeyDate.Kind.REGISTRATION_OPENS,
        closes=KeyDate.Kind.REGISTRATION_CLOSES,
    )


def _snapshot_profile(registration: Registration, user: User) -> None:
    registration.stakeholder_category = user.stakeholder_category
    registration.delegation = user.delegation
    registration.country = user.delegation or user.country
    registration.gender = user.gender


@transaction.atomic
def registration_submit(
    *, user: User, meeting: Meeting, profile: dict, choices: dict
) -> Registration:
    """Register a person for the meeting (pending accreditation) and update their profile.

    Refused when the window is closed or the person is already registered; a withdrawn
    registration is submitted again. Mails the registrant that it was received.
    """
    if not registration_window_is_open(meeting=meeting):
        raise ValidationError(_("Registration for this meeting is closed."))
    profile_update(user=user, data=profile)
    registration = (
        Registration.objects.select_for_update().filter(meeting=meeting, user=user).first()
    )
    if registration and registration.status != Registration.Status.WITHDRAWN:
        raise ValidationError(
            _("You are already registered for this meeting. You can change your registration.")
        )
    registration = registration or Registration(meeting=meeting, user=user)
    for field, value in choices.items():
        setattr(registration, field, value)
    registration.status = Registration.Status.PENDING
    registration.status_changed_at = timezone.now()
    registration.status_changed_by = user
    _snapshot_profile(registration, user)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise ValidationError(_("You are already registered for this meeting.")) from None
    _registration_mail(registration, "registration_received")
    return registration


@transaction.atomic
def registration_update(
    *, registration: Registration, user: User, profile: dict, choices: dict
) -> Registration:
    """Change a pending registration (and the profile); refused once staff have decided."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.user_id != user.pk:
        raise ValidationError(_("This is not your registration."))
    if registration.status != Registration.Status.PENDING:
        raise ValidationError(_("Only a registration that is still pending can be changed."))
    if not registration_window_is_open(meeting=registration.meeting):
        raise ValidationError(_("Registration for this meeting is closed."))
    profile_update(user=user, data=profile)
    for field, value in choices.items():
        setattr(registration, field, value)
    _snapshot_profile(registration, user)
    registration.save()
    return registration


@transaction.atomic
def registration_withdraw(*, registration: Registration, by: User) -> Registration:
    """Withdraw a registration, whatever its state; records who and when, and mails the
    registrant a receipt in their language (through the outbox, after commit)."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.WITHDRAWN:
        return registration
    registration.status = Registration.Status.WITHDRAWN
    registration.status_changed_at = timezone.now()
    registration.status_changed_by = by
    registration.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    if registration.user_id:
        _registration_mail(registration, "registration_withdrawn")
    return registration


DECISIONS = {
    "approve": (Registration.Status.APPROVED, "registration_approved"),
    "reject": (Registration.Status.REJECTED, "registration_rejected"),
}


@transaction.atomic
def registrations_decide(
    *, registration_ids: list[int], action: str, by: User, message: str = ""
) -> int:
    """Approve or reject registrations in bulk; each registrant gets a mail in their language.

    Approval mails carry the confirmation and the Logistics Note. Withdrawn registrations and
    those already in the target state are left alone. Returns how many changed.
    """
    status, template = DECISIONS[action]
    registrations = list(
        Registration.objects.select_for_update(of=("self",))
        .filter(pk__in=registration_ids, user__isnull=False)
        .exclude(status__in=(status, Registration.Status.WITHDRAWN))
        .select_related("user", "meeting")
    )
    now = timezone.now()
    for registration in registrations:
        registration.status = status
        registration.status_changed_at = now
        registration.status_changed_by = by
        registration.decision_message = message
    Registration.objects.bulk_update(
        registrations, ["status", "status_changed_at", "status_changed_by", "decision_message"]
    )
    notes = {
        note.meeting_id: note
        for note in LogisticsNote.objects.filter(meeting__in={r.meeting_id for r in registrations})
    }
    for registration in registrations:
        audit_record(
            action=Action.ACCREDITATION_DECISION,
            actor=by,
            target=registration,
            detail={"status": status, "email": registration.user.email},
        )
        _registration_mail(
            registration, template, logistics_note=notes.get(registration.meeting_id)
        )
    return len(registrations)


def _registration_mail(registration: Registration, template: str, **context) -> None:
    email_render_and_enqueue(
        to=registration.user.email,
        template=template,
        context={"registration": registration, "user": registration.user, **context},
        language=registration.user.preferred_language,
    )
