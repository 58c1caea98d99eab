"""Writes for the calls for expressions of interest: applying, changing, withdrawing, and
the selected person's answer.

Mails are scheduled through the outbox, which sends them after the transaction commits.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from gcm_review.i18n import localized
from gcm_review.outbox import email_render_and_enqueue
from gcm_review.uploads import PDF, validate_upload
from registration.models import (
    CV_MAX_BYTES,
    Call,
    ExpressionOfInterest,
    FocalPoint,
    StakeholderCategory,
    User,
)
from sessions_app.models import Meeting, Session


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
    from registration.permissions import can_manage_expression

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
    expression_mail(expression, "expression_received")
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
        expression_mail(expression, "expression_confirmed")
    meeting = expression.call.meeting
    if not accept and meeting.contact_email:
        email_render_and_enqueue(
            to=meeting.contact_email,
            template="expression_declined",
            context={"expression": expression},
            language="en",
        )
    return expression


def expression_recipients(expression: ExpressionOfInterest) -> list[User]:
    if expression.user_id:
        return [expression.user]
    return list(
        User.objects.filter(
            focal_point__member_state=expression.member_state_id,
            focal_point__status=FocalPoint.Status.VERIFIED,
            is_active=True,
        ).order_by("pk")
    )


def expression_mail(expression: ExpressionOfInterest, template: str) -> None:
    for person in expression_recipients(expression):
        email_render_and_enqueue(
            to=person.email,
            template=template,
            context={"expression": expression, "user": person},
            language=person.preferred_language,
        )
