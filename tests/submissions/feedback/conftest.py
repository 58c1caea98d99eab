"""Participants and the survey's window for the feedback-survey tests, relative to now."""

import datetime

import pytest
from django.utils import timezone

from registration.models import Registration
from sessions_app.models import KeyDate
from submissions.feedback import services
from tests.conftest import make_user

OPENS, CLOSES = KeyDate.Kind.FEEDBACK_OPENS, KeyDate.Kind.FEEDBACK_CLOSES


def window_set(meeting, *, opened_days_ago: int, closes_in_days: int) -> None:
    now = timezone.now()
    for kind, at in (
        (OPENS, now - datetime.timedelta(days=opened_days_ago)),
        (CLOSES, now + datetime.timedelta(days=closes_in_days)),
    ):
        KeyDate.objects.update_or_create(meeting=meeting, kind=kind, defaults={"at": at})


@pytest.fixture
def survey_open(meeting):
    """The survey opened yesterday and closes in ten days."""
    window_set(meeting, opened_days_ago=1, closes_in_days=10)
    return meeting


def participant(
    meeting,
    email: str,
    *,
    status=Registration.Status.APPROVED,
    parts=Registration.Parts.BOTH,
    attendance=Registration.Attendance.IN_PERSON,
    language="en",
    **fields,
):
    user = make_user(email, full_name=email.split("@")[0].title(), **fields)
    user.preferred_language = language
    user.save()
    Registration.objects.create(
        meeting=meeting,
        user=user,
        parts=parts,
        attendance=attendance,
        consent_privacy=True,
        status=status,
    )
    return user


def answer(meeting, user, *, overall=4, comment="", sessions=None, **answers):
    return services.feedback_submit(
        meeting=meeting,
        user=user,
        answers={"overall": overall, "comment": comment, **answers},
        session_ratings=sessions or {},
    )
