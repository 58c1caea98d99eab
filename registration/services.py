"""Writes for people: profiles, focal points, meeting registration and its accreditation.

Every function validates, changes state, and schedules its mails through the outbox, which
sends them after the transaction commits. Views, admin actions, imports and commands all
come through here.
"""

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from gcm_review.audit import Action, audit_record
from gcm_review.i18n import localized
from gcm_review.outbox import email_render_and_enqueue
from gcm_review.uploads import PDF, validate_upload
from sessions_app.models import KeyDate, Meeting, Session
from sessions_app.selectors import window_is_open

from .models import (
    CV_MAX_BYTES,
    STAFF_GROUP,
    Call,
    ExpressionOfInterest,
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
        created["calls"] = calls_ensure(meeting=meeting)
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
    ("registration", "view_call"),
    ("registration", "change_call"),
    ("registration", "add_call"),
    ("registration", "view_expressionofinterest"),
    ("submissions", "view_submission"),
    ("submissions", "view_answer"),
    *(
        ("submissions", f"{action}_{model}")
        for model in ("consultation", "gcmtalk", "discussionthread")
        for action in ("view", "change", "add")
    ),
    ("submissions", "view_keymessage"),
    ("submissions", "view_sessionpoint"),
]
DATA_MANAGER_GROUP = "Network data managers"
DATA_MANAGER_PERMISSIONS = [
    ("registration", "export_registration"),
    ("registration", "export_user"),
    ("registration", "export_expressionofinterest"),
    ("registration", "import_focalpoint"),
    ("registration", "add_focalpoint"),
    ("registration", "change_focalpoint"),
    ("submissions", "view_answer"),
    ("submissions", "export_answer"),
    ("gcm_review", "view_outgoingemail"),
]
# Permissions a group had before and must lose: plain staff read other people's mail no more.
WITHDRAWN_PERMISSIONS = {STAFF_GROUP: [("gcm_review", "view_outgoingemail")]}


def staff_groups_ensure() -> None:
    """The staff group, and the smaller group allowed to export and import personal data
    and to read the outbox (whose mails hold no secret, only personal data)."""
    for name, wanted in (
        (STAFF_GROUP, STAFF_PERMISSIONS),
        (DATA_MANAGER_GROUP, DATA_MANAGER_PERMISSIONS),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(wanted))
        group.permissions.remove(*_permissions(WITHDRAWN_PERMISSIONS.get(name, [])))


def _permissions(pairs) -> list[Permission]:
    if not pairs:
        return []
    query = Q()
    for app_label, codename in pairs:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query))


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


# Calls for expressions of interest and the selection of speakers --------------------------


def calls_ensure(*, meeting: Meeting) -> int:
    """Give the meeting a call for each speaking role it lacks, with the default dates.

    Idempotent: existing calls (and the dates staff set on them) are left alone. Returns how
    many were created.
    """
    existing = set(meeting.calls.values_list("role", flat=True))
    missing = [role for role in Call.Role if role not in existing]
    for role in missing:
        Call.objects.create(meeting=meeting, role=role)
    return len(missing)


@transaction.atomic
def demo_calls_open(*, meeting: Meeting, now, until) -> int:
    """Open the meeting's calls from now until ``until``, so every journey can be tried.

    Used by ``seed --demo`` next to ``demo_windows_open``; returns how many calls changed.
    """
    calls = list(meeting.calls.all())
    for call in calls:
        call.opens_at = min(now, call.opens_at)
        call.closes_at = until
        call.save(update_fields=["opens_at", "closes_at"])
    return len(calls)


def _call_open_check(call: Call) -> None:
    now = timezone.now()
    if not call.has_opened(now):
        raise ValidationError(
            _("This call for expressions of interest opens on %(date)s.")
            % {"date": formats.date_format(timezone.localtime(call.opens_at), "DATE_FORMAT")}
        )
    if not call.is_open(now):
        raise ValidationError(
            _(
                "This call closed on %(date)s: expressions of interest can no longer be made, "
                "changed or withdrawn."
            )
            % {"date": formats.date_format(timezone.localtime(call.closes_at), "DATE_FORMAT")}
        )


def _applicant_check(*, call: Call, user: User) -> None:
    """Member-state roles need a verified focal point; stakeholder roles a stakeholder."""
    state = user.verified_member_state
    if call.for_member_states:
        if state is None:
            raise ValidationError(
                _(
                    "Only the verified focal point of a Member State can offer a Co-Chair "
                    "or a keynote speaker."
                )
            )
        return
    if state is not None:
        raise ValidationError(
            _(
                "You are the focal point of a Member State: the Rapporteur and the moderators "
                "are chosen among stakeholders."
            )
        )
    category = user.stakeholder_category
    if category is None or category.group != StakeholderCategory.Group.STAKEHOLDER:
        raise ValidationError(
            _(
                "The Rapporteur and the moderators are chosen among stakeholders: choose your "
                "stakeholder category in your profile first."
            )
        )


def _owner_check(*, expression: ExpressionOfInterest, user: User) -> None:
    from .permissions import can_manage_expression

    if not can_manage_expression(user, expression):
        raise ValidationError(_("This is not your expression of interest."))


def _expression_fill(
    expression: ExpressionOfInterest, *, call: Call, user: User, data: dict
) -> str | None:
    """Copy the role's fields from ``data`` (validated form data) onto the expression.

    Checks what a form alone would not: the session is a thematic session of the call's
    meeting, a CV is a real PDF of at most 10 MB (and is there for roles that need one).
    Returns the name of a CV file the new one replaces, to be removed after commit.
    """
    errors = {}
    for field in call.fields:
        if field in ("cv", "session"):
            continue
        value = (data.get(field) or "").strip()
        if not value:
            errors[field] = _("This field is required.")
        setattr(expression, field, value)
    if call.per_session:
        session = data.get("session")
        if (
            not isinstance(session, Session)
            or session.meeting_id != call.meeting_id
            or session.kind != Session.Kind.THEMATIC
        ):
            errors["session"] = _("Choose one of the thematic sessions.")
        else:
            moved = expression.session_id and expression.session_id != session.pk
            if moved and expression.status == ExpressionOfInterest.Status.SELECTED:
                # The selection was for the other session: it no longer holds.
                expression.status = ExpressionOfInterest.Status.SUBMITTED
            expression.session = session
    replaced = None
    if call.needs_cv:
        upload = data.get("cv")
        if upload:
            try:
                validate_upload(upload, allowed={PDF}, max_bytes=CV_MAX_BYTES)
            except ValidationError as error:
                errors["cv"] = error.messages
            else:
                replaced = expression.cv.name or None
        elif not expression.cv:
            errors["cv"] = _("Attach your CV as a PDF file.")
    if errors:
        raise ValidationError(errors)
    if call.for_member_states:
        state = user.verified_member_state
        expression.member_state = state
        expression.country = state
        expression.organisation = ""
        expression.stakeholder_category = None
    else:
        expression.user = user
        expression.speaker_name = user.full_name or user.email
        expression.speaker_title = user.title
        expression.organisation = user.organisation
        expression.gender = user.gender
        expression.country = user.country
        expression.stakeholder_category = user.stakeholder_category
    # Lengths and choices (such as the gender), whoever calls: not only through the form.
    expression.clean_fields(exclude=_NOT_RECHECKED)
    return replaced


# Relations checked above (or set here), and the file checked by validate_upload.
_NOT_RECHECKED = {
    "call",
    "member_state",
    "user",
    "submitted_by",
    "session",
    "country",
    "stakeholder_category",
    "status_changed_by",
    "responded_by",
    "cv",
}


def _cv_store(expression: ExpressionOfInterest, upload, replaced: str | None) -> None:
    if not upload:
        return
    storage = expression.cv.storage
    # An unguessable name: the file is served only through the permission-checked view.
    expression.cv.save(f"cv-{expression.pk}-{secrets.token_urlsafe(12)}.pdf", upload, save=False)
    expression.save(update_fields=["cv"])
    if replaced and replaced != expression.cv.name:
        transaction.on_commit(lambda: storage.delete(replaced))


@transaction.atomic
def expression_submit(*, call: Call, user: User, data: dict) -> ExpressionOfInterest:
    """Express interest in a call's role: for the user's own Member State (Co-Chair, keynote
    speaker) or as a stakeholder (Rapporteur, moderator).

    Refused when the call is not open, when the person may not apply for this role, when
    their state (or they) already have an expression in this call, or when the data is
    incomplete. Side effects: the expression is stored (with the CV), and the applicant (for a
    state, its verified focal points) is told by mail that it was received.
    """
    call = Call.objects.select_related("meeting").get(pk=call.pk)
    _call_open_check(call)
    _applicant_check(call=call, user=user)
    mine = ExpressionOfInterest.objects.filter(call=call).exclude(
        status=ExpressionOfInterest.Status.WITHDRAWN
    )
    state = user.verified_member_state
    if call.for_member_states and mine.filter(member_state=state).exists():
        raise ValidationError(
            _("%(state)s has already expressed interest in this role. You can change it.")
            % {"state": localized(state, "name")}
        )
    if not call.for_member_states and mine.filter(user=user).exists():
        raise ValidationError(
            _("You have already expressed interest in this role. You can change it.")
        )
    expression = ExpressionOfInterest(
        call=call,
        submitted_by=user,
        status_changed_at=timezone.now(),
        status_changed_by=user,
    )
    _expression_fill(expression, call=call, user=user, data=data)
    try:
        with transaction.atomic():
            expression.save()
    except IntegrityError:
        raise ValidationError(
            _("This role already has your expression of interest. You can change it.")
        ) from None
    _cv_store(expression, data.get("cv") if call.needs_cv else None, None)
    _expression_mail(expression, "expression_received")
    return expression


@transaction.atomic
def expression_update(
    *, expression: ExpressionOfInterest, user: User, data: dict
) -> ExpressionOfInterest:
    """Change an expression of interest while its call is open and before the outcome is sent.

    Refused for anyone but its owner (the stakeholder, or a verified focal point of the
    state), after the closing date, once withdrawn or once the outcome has been sent. Moving a
    selected keynote speaker or moderator to another session undoes the selection. A new CV
    replaces the old file, which is removed after commit.
    """
    expression = (
        ExpressionOfInterest.objects.select_for_update(of=("self",))
        .select_related("call__meeting")
        .get(pk=expression.pk)
    )
    _owner_check(expression=expression, user=user)
    call = expression.call
    _call_open_check(call)
    if not expression.is_changeable:
        raise ValidationError(
            _("This expression of interest was withdrawn.")
            if not expression.is_active
            else _("The outcome has been sent: this expression of interest can no longer change.")
        )
    _applicant_check(call=call, user=user)
    replaced = _expression_fill(expression, call=call, user=user, data=data)
    expression.save()
    _cv_store(expression, data.get("cv") if call.needs_cv else None, replaced)
    return expression


@transaction.atomic
def expression_withdraw(*, expression: ExpressionOfInterest, user: User) -> ExpressionOfInterest:
    """Withdraw an expression of interest while its call is open; records who and when.

    Refused after the closing date and once the outcome has been sent (a selected person
    declines instead). A withdrawn selection frees its seat.
    """
    expression = (
        ExpressionOfInterest.objects.select_for_update(of=("self",))
        .select_related("call")
        .get(pk=expression.pk)
    )
    _owner_check(expression=expression, user=user)
    if not expression.is_active:
        return expression
    _call_open_check(expression.call)
    if expression.outcome_sent:
        raise ValidationError(
            _("The outcome has been sent: if you were selected, decline on your page instead.")
        )
    expression.status = ExpressionOfInterest.Status.WITHDRAWN
    expression.status_changed_at = timezone.now()
    expression.status_changed_by = user
    expression.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    expression.programme_sessions.clear()
    return expression


def _seat_taken_message(call: Call, session: Session | None) -> str:
    if call.role == Call.Role.CO_CHAIR:
        return _("Two Co-Chairs are already selected: unselect one before selecting another.")
    if call.role == Call.Role.RAPPORTEUR:
        return _("A Rapporteur is already selected: unselect them before selecting another.")
    title = localized(session, "title") if session else ""
    if call.role == Call.Role.KEYNOTE:
        return _(
            "%(session)s already has a selected keynote speaker: unselect them before "
            "selecting another."
        ) % {"session": title}
    return _(
        "%(session)s already has a selected moderator: unselect them before selecting another."
    ) % {"session": title}


def seats_taken(*, call: Call, session: Session | None):
    """The expressions holding a seat of the call (in ``session`` for per-session roles)."""
    taken = call.expressions.filter(status=ExpressionOfInterest.Status.SELECTED).exclude(
        confirmation=ExpressionOfInterest.Confirmation.DECLINED
    )
    return taken.filter(session=session) if call.per_session else taken


@transaction.atomic
def expression_select(*, expression: ExpressionOfInterest, by: User) -> ExpressionOfInterest:
    """Select a candidate for a seat of their role.

    Refused for a withdrawn expression, and when the role's seats are taken: two Co-Chairs,
    one keynote speaker and one moderator per thematic session, one Rapporteur (a declined
    seat is free again). The call is locked so two staff cannot fill one seat twice. The
    person learns of it only when staff send the outcome.
    """
    call = Call.objects.select_for_update().get(pk=expression.call_id)
    expression = (
        ExpressionOfInterest.objects.select_for_update(of=("self",))
        .select_related("session")
        .get(pk=expression.pk)
    )
    if not expression.is_active:
        raise ValidationError(_("This expression of interest was withdrawn."))
    if expression.takes_a_seat:
        return expression
    session = expression.session if call.per_session else None
    if seats_taken(call=call, session=session).exclude(pk=expression.pk).count() >= call.seats:
        raise ValidationError(_seat_taken_message(call, session))
    expression.status = ExpressionOfInterest.Status.SELECTED
    expression.confirmation = ""
    expression.notified_at = None
    expression.responded_at = None
    expression.responded_by = None
    expression.status_changed_at = timezone.now()
    expression.status_changed_by = by
    expression.save()
    expression.programme_sessions.clear()
    audit_record(
        action=Action.SELECTION_DECISION, actor=by, target=expression, detail={"status": "selected"}
    )
    return expression


@transaction.atomic
def expression_unselect(*, expression: ExpressionOfInterest, by: User) -> ExpressionOfInterest:
    """Take a selection back before the outcome is sent; the expression is submitted again.

    Refused once the person has been told (they confirm or decline on their page).
    """
    expression = ExpressionOfInterest.objects.select_for_update().get(pk=expression.pk)
    if expression.status != ExpressionOfInterest.Status.SELECTED:
        return expression
    if expression.outcome_sent:
        raise ValidationError(
            _(
                "The outcome has been sent to this person: they confirm or decline on their "
                "page, and a decline frees the seat."
            )
        )
    expression.status = ExpressionOfInterest.Status.SUBMITTED
    expression.status_changed_at = timezone.now()
    expression.status_changed_by = by
    expression.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    audit_record(
        action=Action.SELECTION_DECISION,
        actor=by,
        target=expression,
        detail={"status": "unselected"},
    )
    return expression


def expression_note_save(
    *, expression: ExpressionOfInterest, note: str, by: User
) -> ExpressionOfInterest:
    """Save staff's internal note on a candidate (never shown to the applicant)."""
    expression.staff_note = note.strip()
    expression.save(update_fields=["staff_note", "updated_at"])
    return expression


@transaction.atomic
def expressions_notify(*, call: Call, session: Session | None = None, by: User) -> dict[str, int]:
    """Send the outcome of one seat group (a role, or a role in one thematic session).

    Selected candidates are told they were selected and asked to confirm or decline at
    ``/my/``; everyone else still waiting is marked not selected and told so. Each mail goes
    through the outbox in the recipient's language (for a state, to its verified focal
    points). Candidates already told are not mailed again. Returns the counts.
    """
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.per_session and (
        session is None
        or session.meeting_id != call.meeting_id
        or session.kind != Session.Kind.THEMATIC
    ):
        raise ValidationError(_("Choose one of the thematic sessions."))
    waiting = (
        call.expressions.select_for_update(of=("self",))
        .filter(
            notified_at__isnull=True,
            status__in=(
                ExpressionOfInterest.Status.SELECTED,
                ExpressionOfInterest.Status.SUBMITTED,
            ),
        )
        .select_related("call__meeting", "session", "member_state", "user")
    )
    if call.per_session:
        waiting = waiting.filter(session=session)
    now = timezone.now()
    counts = {"selected": 0, "not_selected": 0}
    for expression in waiting:
        selected = expression.status == ExpressionOfInterest.Status.SELECTED
        if not selected:
            expression.status = ExpressionOfInterest.Status.NOT_SELECTED
            expression.status_changed_at = now
            expression.status_changed_by = by
        expression.notified_at = now
        expression.save(
            update_fields=["status", "status_changed_at", "status_changed_by", "notified_at"]
        )
        counts["selected" if selected else "not_selected"] += 1
        _expression_mail(
            expression, "expression_selected" if selected else "expression_not_selected"
        )
    return counts


def _programme_sync(expression: ExpressionOfInterest) -> None:
    """A selected speaker who confirmed appears in the programme; nobody else does."""
    if not (
        expression.takes_a_seat
        and expression.confirmation == ExpressionOfInterest.Confirmation.CONFIRMED
    ):
        expression.programme_sessions.clear()
        return
    call = expression.call
    if call.per_session:
        sessions = [expression.session]
    else:
        sessions = list(
            Session.objects.filter(
                meeting=call.meeting_id, kind__in=Call.PROGRAMME_KINDS[call.role]
            )
        )
    expression.programme_sessions.set(sessions)


@transaction.atomic
def expression_respond(
    *, expression: ExpressionOfInterest, user: User, accept: bool
) -> ExpressionOfInterest:
    """The selected person (for a state, one of its verified focal points) confirms or declines.

    Only once the outcome has been sent. A confirmation puts the speaker in the programme and
    mails a receipt (to the person, or to the State's verified focal points); a decline (also
    after confirming) takes them out and frees the seat for staff to select someone else, and
    the Network's contact address is told. A decline is final.
    """
    expression = (
        ExpressionOfInterest.objects.select_for_update(of=("self",))
        .select_related("call__meeting", "session")
        .get(pk=expression.pk)
    )
    _owner_check(expression=expression, user=user)
    if expression.status != ExpressionOfInterest.Status.SELECTED or not expression.outcome_sent:
        raise ValidationError(
            _("Only a selection you have been told about can be confirmed or declined.")
        )
    if expression.confirmation == ExpressionOfInterest.Confirmation.DECLINED:
        raise ValidationError(_("This selection was declined; the seat has been offered again."))
    wanted = (
        ExpressionOfInterest.Confirmation.CONFIRMED
        if accept
        else ExpressionOfInterest.Confirmation.DECLINED
    )
    if expression.confirmation == wanted:
        return expression
    expression.confirmation = wanted
    expression.responded_at = timezone.now()
    expression.responded_by = user
    expression.save(update_fields=["confirmation", "responded_at", "responded_by", "updated_at"])
    _programme_sync(expression)
    if accept:
        _expression_mail(expression, "expression_confirmed")
    meeting = expression.call.meeting
    if not accept and meeting.contact_email:
        email_render_and_enqueue(
            to=meeting.contact_email,
            template="expression_declined",
            context={"expression": expression},
            language="en",
        )
    return expression


def _expression_recipients(expression: ExpressionOfInterest) -> list[User]:
    if expression.user_id:
        return [expression.user]
    return list(
        User.objects.filter(
            focal_point__member_state=expression.member_state_id,
            focal_point__status=FocalPoint.Status.VERIFIED,
            is_active=True,
        ).order_by("pk")
    )


def _expression_mail(expression: ExpressionOfInterest, template: str) -> None:
    for person in _expression_recipients(expression):
        email_render_and_enqueue(
            to=person.email,
            template=template,
            context={"expression": expression, "user": person},
            language=person.preferred_language,
        )
