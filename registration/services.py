"""Writes for people: profiles, focal points, meeting registration and its accreditation.

Every function validates, changes state, and schedules its mails through the outbox, which
sends them after the transaction commits. Views, admin actions, imports and commands all
come through here.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_review.outbox import email_render_and_enqueue
from sessions_app.models import KeyDate, Meeting
from sessions_app.selectors import window_is_open

from .models import (
    STAFF_GROUP,
    FocalPoint,
    LogisticsNote,
    MemberState,
    Registration,
    StakeholderCategory,
    User,
)

PROFILE_FIELDS = (
    "full_name",
    "title",
    "organisation",
    "stakeholder_category",
    "delegation",
    "country",
    "gender",
    "accessibility_needs",
    "preferred_language",
)

DATA_DIR = Path(__file__).resolve().parent / "data"


def _load(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@transaction.atomic
def reference_data_seed() -> dict[str, int]:
    """Load the 56 member states and the stakeholder categories; create the staff group.

    Idempotent: looked up by ISO code and slug, created only when missing. Also gives the
    2024 meeting its Logistics Note.
    """
    created = {"member_states": 0, "stakeholder_categories": 0, "logistics_notes": 0}
    for row in _load("member_states.json")["member_states"]:
        _, was_created = MemberState.objects.get_or_create(
            iso_alpha3=row.pop("iso_alpha3"), defaults=row
        )
        created["member_states"] += was_created
    for row in _load("stakeholder_categories.json")["categories"]:
        _, was_created = StakeholderCategory.objects.get_or_create(
            slug=row.pop("slug"), defaults=row
        )
        created["stakeholder_categories"] += was_created
    staff_groups_ensure()
    meeting = Meeting.objects.filter(slug="unece-2024").first()
    if meeting is not None:
        _note, note_created = LogisticsNote.objects.get_or_create(
            meeting=meeting, defaults=_load("logistics_note_2024.json")
        )
        created["logistics_notes"] = int(note_created)
    return created


# What each staff group may do in the administration, as (app label, codename) pairs.
STAFF_PERMISSIONS = [
    *(
        ("sessions_app", f"{action}_{model}")
        for model in ("meeting", "keydate", "session", "document", "guidingquestion")
        for action in ("view", "change", "add")
    ),
    ("registration", "view_logisticsnote"),
    ("registration", "change_logisticsnote"),
    ("registration", "view_registration"),
    ("registration", "view_focalpoint"),
    ("registration", "view_user"),
    ("gcm_review", "view_outgoingemail"),
]
DATA_MANAGER_GROUP = "Network data managers"
DATA_MANAGER_PERMISSIONS = [
    ("registration", "export_registration"),
    ("registration", "export_user"),
    ("registration", "import_focalpoint"),
    ("registration", "add_focalpoint"),
    ("registration", "change_focalpoint"),
]


def staff_groups_ensure() -> None:
    """The staff group, and the smaller group allowed to export and import personal data."""
    for name, wanted in (
        (STAFF_GROUP, STAFF_PERMISSIONS),
        (DATA_MANAGER_GROUP, DATA_MANAGER_PERMISSIONS),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        query = Q()
        for app_label, codename in wanted:
            query |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.filter(query))


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str


DEMO_PASSWORD = "review-demo-2024"


@transaction.atomic
def demo_accounts_create() -> list[DemoAccount]:
    """One account per role for trying the portal: staff, two focal points, a stakeholder.

    Idempotent: existing demo accounts keep their data and get the demo password back.
    """
    staff = _demo_user(
        "staff@demo.gcm-review.org",
        full_name="Nadia Staff",
        is_staff=True,
        organisation="UN Network on Migration",
    )
    staff.groups.add(*Group.objects.filter(name__in=(STAFF_GROUP, DATA_MANAGER_GROUP)))
    accounts = [DemoAccount("Network staff", staff.email, DEMO_PASSWORD)]
    for iso3, email, name in (
        ("ARM", "focal.armenia@demo.gcm-review.org", "Anahit Focal"),
        ("PRT", "focal.portugal@demo.gcm-review.org", "Pedro Focal"),
    ):
        state = MemberState.objects.get(iso_alpha3=iso3)
        user = _demo_user(email, full_name=name, delegation=state, organisation=state.name)
        FocalPoint.objects.update_or_create(
            user=user,
            defaults={
                "member_state": state,
                "status": FocalPoint.Status.VERIFIED,
                "decided_by": staff,
                "decided_at": timezone.now(),
            },
        )
        accounts.append(DemoAccount(f"Focal point of {state.name}", email, DEMO_PASSWORD))
    stakeholder = _demo_user(
        "stakeholder@demo.gcm-review.org",
        full_name="Sofia Stakeholder",
        organisation="Migrant Voices Network",
        stakeholder_category=StakeholderCategory.objects.get(slug="civil_society"),
    )
    accounts.append(DemoAccount("Stakeholder", stakeholder.email, DEMO_PASSWORD))
    return accounts


def _demo_user(email: str, **fields) -> User:
    user, _created = User.objects.get_or_create(email=email, defaults=fields)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


# Profiles ---------------------------------------------------------------------------------


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
    return focal_point


# Meeting registration ---------------------------------------------------------------------


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
    """Withdraw a registration, whatever its state; records who and when."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.WITHDRAWN:
        return registration
    registration.status = Registration.Status.WITHDRAWN
    registration.status_changed_at = timezone.now()
    registration.status_changed_by = by
    registration.save(update_fields=["status", "status_changed_at", "status_changed_by"])
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


# Personal data ----------------------------------------------------------------------------


def registrations_anonymise(*, registrations) -> int:
    """Cut registrations off from their person; the statistics they feed stay."""
    return registrations.filter(anonymised_at__isnull=True).update(
        user=None, decision_message="", status_changed_by=None, anonymised_at=timezone.now()
    )


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete an account: registrations are anonymised, uploaded files removed."""
    registrations_anonymise(registrations=Registration.objects.filter(user=user))
    focal_point = FocalPoint.objects.filter(user=user).first()
    if focal_point and focal_point.nomination_letter:
        letter = focal_point.nomination_letter
        transaction.on_commit(lambda: letter.storage.delete(letter.name))
    user.delete()


@transaction.atomic
def personal_data_purge(*, before) -> int:
    """Anonymise registrations made before ``before`` (the retention date)."""
    return registrations_anonymise(registrations=Registration.objects.filter(created_at__lt=before))
