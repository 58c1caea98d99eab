"""Writes for the feedback survey: inviting the approved participants, answering, the window.

Answering writes two unrelated things in one transaction: that the person has answered
(``FeedbackRespondent``, unique per person: a second answer fails on the constraint, also when
two requests race) and the answers (``FeedbackResponse``), which name no one and carry no time.
No audit entry is written for an answer, since its time would re-link the two.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gcm_review.outbox import email_render_and_enqueue
from registration.models import Registration, User
from registration.permissions import is_network_staff
from sessions_app.models import KeyDate, Meeting

from . import selectors
from .models import (
    COMMENT_MAX_CHARS,
    FeedbackInvitation,
    FeedbackRespondent,
    FeedbackResponse,
    FeedbackSessionRating,
    Rating,
)

OPTIONAL_QUESTIONS = ("accessibility", "interpretation", "online_experience")


def feedback_invitations_send(*, meeting: Meeting, now: datetime.datetime | None = None) -> int:
    """Mail the survey link to every approved participant not yet mailed, while the survey is
    open; returns how many were mailed. Each mail is in the person's language and goes out once
    (the invitation's unique constraint: two beat processes at once mail nobody twice)."""
    if not selectors.feedback_is_open(meeting=meeting, now=now):
        return 0
    closes = selectors.feedback_window(meeting=meeting)[1]
    sent = 0
    for registration in selectors.feedback_invitees(meeting=meeting):
        sent += _invite(meeting, registration, closes)
    return sent


def _invite(meeting: Meeting, registration: Registration, closes: datetime.datetime) -> int:
    user = registration.user
    try:
        with transaction.atomic():
            FeedbackInvitation.objects.create(meeting=meeting, user=user)
            email_render_and_enqueue(
                to=user.email,
                template="feedback_invitation",
                context={"user": user, "meeting": meeting, "closes": closes},
                language=user.preferred_language,
            )
    except IntegrityError:  # another process has just invited this person
        return 0
    return 1


def feedback_invitations_send_now(*, meeting: Meeting, by: User) -> int:
    """Staff send the invitations now instead of waiting for the daily run."""
    if not is_network_staff(by):
        raise PermissionDenied
    if not selectors.feedback_is_open(meeting=meeting):
        raise ValidationError(_("The survey is not open: invitations go out only while it is."))
    return feedback_invitations_send(meeting=meeting)


def _rating(value, *, required: bool = False) -> int | None:
    if value in (None, ""):
        if required:
            raise ValidationError(_("Give the meeting an overall rating."))
        return None
    try:
        return Rating(int(value)).value
    except (TypeError, ValueError):
        raise ValidationError(_("Choose a rating from the list.")) from None


@transaction.atomic
def feedback_submit(
    *,
    meeting: Meeting,
    user: User,
    answers: dict,
    session_ratings: dict[int, int],
    now: datetime.datetime | None = None,
) -> FeedbackResponse:
    """The person's answers, once. Refused (PermissionDenied) to anyone without an approved
    registration and outside the survey's window; a second answer is a ValidationError.
    Session ratings count only for the sessions of the parts the person registered for; the
    online experience only for those who attended online."""
    registration = selectors.feedback_registration(meeting=meeting, user=user)
    if registration is None or not selectors.feedback_is_open(meeting=meeting, now=now):
        raise PermissionDenied
    online = registration.attendance == Registration.Attendance.ONLINE
    comment = (answers.get("comment") or "").strip()
    if len(comment) > COMMENT_MAX_CHARS:
        raise ValidationError(
            _("Keep it to %(limit)s characters or fewer."), params={"limit": COMMENT_MAX_CHARS}
        )
    ratings = {"overall": _rating(answers.get("overall"), required=True)}
    for key in OPTIONAL_QUESTIONS:
        ratings[key] = _rating(answers.get(key))
    if not online:
        ratings["online_experience"] = None
    allowed = {s.pk for s in selectors.feedback_sessions(meeting=meeting, parts=registration.parts)}
    per_session = {pk: _rating(value) for pk, value in session_ratings.items() if pk in allowed}
    try:
        with transaction.atomic():
            FeedbackRespondent.objects.create(meeting=meeting, user=user)
    except IntegrityError:
        raise ValidationError(_("You have already answered the survey: thank you.")) from None
    response = FeedbackResponse.objects.create(
        meeting=meeting, attended_online=online, comment=comment, **ratings
    )
    FeedbackSessionRating.objects.bulk_create(
        FeedbackSessionRating(response=response, session_id=pk, rating=rating)
        for pk, rating in per_session.items()
        if rating is not None
    )
    return response


@transaction.atomic
def feedback_window_set(
    *, meeting: Meeting, opens: datetime.datetime, closes: datetime.datetime, by: User
) -> None:
    """Staff move the survey's opening and closing (key dates of the meeting)."""
    if not is_network_staff(by):
        raise PermissionDenied
    if closes <= opens:
        raise ValidationError(_("The survey must close after it opens."))
    for kind, at in ((selectors.OPENS, opens), (selectors.CLOSES, closes)):
        KeyDate.objects.update_or_create(meeting=meeting, kind=kind, defaults={"at": at})
