"""Writes for accounts: profiles, focal points, and the deletion and anonymisation of
personal data.

Mails are scheduled through the outbox, which sends them after the transaction commits.
"""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_review.audit import Action, audit_record
from gcm_review.outbox import email_render_and_enqueue
from registration.accounts.models import PROFILE_FIELDS
from registration.models import ExpressionOfInterest, FocalPoint, MemberState, Registration, User


def profile_update(*, user: User, data: dict) -> User:
    """Save the profile fields of ``data`` (a form's cleaned data) on the user."""
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(user, field, data[field])
    user.save()
    return user


# Focal points -----------------------------------------------------------------------------


@transaction.atomic
def focal_point_apply(*, user: User, member_state: MemberState, letter) -> FocalPoint:
    """Ask to be a state's focal point, with the nomination letter; staff verify it.

    A verified focal point cannot re-apply; a pending or rejected claim is replaced.
    """
    existing = FocalPoint.objects.select_for_update().filter(user=user).first()
    if existing and existing.status == FocalPoint.Status.VERIFIED:
        raise ValidationError(_("You are already a verified focal point."))
    if existing and existing.nomination_letter:
        existing.nomination_letter.delete(save=False)
    focal_point, _created = FocalPoint.objects.update_or_create(
        user=user,
        defaults={
            "member_state": member_state,
            "status": FocalPoint.Status.PENDING,
            "decided_by": None,
            "decided_at": None,
        },
    )
    focal_point.nomination_letter.save(f"nomination-{user.pk}.pdf", letter, save=True)
    return focal_point


@transaction.atomic
def focal_point_decide(*, focal_point: FocalPoint, by: User, verify: bool) -> FocalPoint:
    """Verify or reject a focal point; the person is told by mail."""
    focal_point.status = FocalPoint.Status.VERIFIED if verify else FocalPoint.Status.REJECTED
    focal_point.decided_by = by
    focal_point.decided_at = timezone.now()
    focal_point.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        action=Action.FOCAL_POINT_DECISION,
        actor=by,
        target=focal_point,
        detail={"status": focal_point.status, "member_state": focal_point.member_state_id},
    )
    email_render_and_enqueue(
        to=focal_point.user.email,
        template="focal_point_verified" if verify else "focal_point_rejected",
        context={"user": focal_point.user, "member_state": focal_point.member_state},
        language=focal_point.user.preferred_language,
    )
    return focal_point


@transaction.atomic
def focal_point_import(
    *, email: str, full_name: str, member_state: MemberState, by: User | None
) -> FocalPoint:
    """Make a person a verified focal point from a staff spreadsheet.

    Creates the account when needed (no password: the person sets one with "forgot
    password"); their address counts as verified because the Network vouches for it.
    """
    email = User.objects.normalize_email(email).lower()
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "delegation": member_state}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    focal_point, _created = FocalPoint.objects.update_or_create(
        user=user,
        defaults={
            "member_state": member_state,
            "status": FocalPoint.Status.VERIFIED,
            "decided_by": by,
            "decided_at": timezone.now(),
        },
    )
    audit_record(
        action=Action.FOCAL_POINT_DECISION,
        actor=by,
        target=focal_point,
        detail={"status": focal_point.status, "imported": True},
    )
    return focal_point


# Personal data ----------------------------------------------------------------------------


def registrations_anonymise(*, registrations) -> int:
    """Cut registrations off from their person; the statistics they feed stay."""
    return registrations.filter(anonymised_at__isnull=True).update(
        user=None, decision_message="", status_changed_by=None, anonymised_at=timezone.now()
    )


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete an account: registrations are anonymised, uploaded files removed.

    The person's own expressions of interest go with the account (their CVs are removed
    after commit); those they made for a Member State stay with the state.
    """
    registrations_anonymise(registrations=Registration.objects.filter(user=user))
    cvs = [
        expression.cv
        for expression in ExpressionOfInterest.objects.filter(user=user).exclude(cv="")
    ]
    for cv in cvs:
        transaction.on_commit(lambda cv=cv: cv.storage.delete(cv.name))
    focal_point = FocalPoint.objects.filter(user=user).first()
    if focal_point and focal_point.nomination_letter:
        letter = focal_point.nomination_letter
        transaction.on_commit(lambda: letter.storage.delete(letter.name))
    audit_record(action=Action.ACCOUNT_DELETION, actor=user, target=user)
    user.delete()


@transaction.atomic
def personal_data_purge(*, before) -> int:
    """Anonymise registrations made before ``before`` (the retention date)."""
    return registrations_anonymise(registrations=Registration.objects.filter(created_at__lt=before))
