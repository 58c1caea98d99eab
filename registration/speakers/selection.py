"""Writes for the selection of speakers by Network staff: selecting and unselecting
candidates, their internal notes, and sending the outcome of a seat group."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcm_review.audit import Action, audit_record
from gcm_review.i18n import localized
from registration.models import Call, ExpressionOfInterest, User
from sessions_app.models import Session

from .services import expression_mail


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
        expression_mail(
            expression, "expression_selected" if selected else "expression_not_selected"
        )
    return counts
