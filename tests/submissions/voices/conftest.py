"""Fixtures for stakeholder voices: open threads, a consultation, the Rapporteur, records."""

import datetime

import pytest
from django.utils import timezone

from tests.conftest import make_user


@pytest.fixture
def open_threads(meeting):
    """Every thread of the Discussion Space opened yesterday and closing in a month."""
    from submissions.models import DiscussionThread

    now = timezone.now()
    DiscussionThread.objects.filter(meeting=meeting).update(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30)
    )
    return DiscussionThread.objects.filter(meeting=meeting)


@pytest.fixture
def thread3(open_threads):
    """The open thread on thematic session 3 (objectives 14, 15, 16, 19, 20, 22)."""
    return open_threads.get(slug="session-3")


@pytest.fixture
def other_stakeholder(seeded):
    from registration.models import StakeholderCategory

    return make_user(
        "omar@example.org",
        full_name="Omar Other",
        stakeholder_category=StakeholderCategory.objects.get(slug="academia"),
    )


@pytest.fixture
def rapporteur(meeting):
    """A stakeholder selected as the Rapporteur, who confirmed."""
    from registration.models import Call, ExpressionOfInterest, StakeholderCategory

    user = make_user(
        "rita@example.org",
        full_name="Rita Rapporteur",
        stakeholder_category=StakeholderCategory.objects.get(slug="civil_society"),
    )
    call, _created = Call.objects.get_or_create(meeting=meeting, role=Call.Role.RAPPORTEUR)
    ExpressionOfInterest.objects.create(
        call=call,
        user=user,
        speaker_name=user.full_name,
        status=ExpressionOfInterest.Status.SELECTED,
        confirmation=ExpressionOfInterest.Confirmation.CONFIRMED,
        notified_at=timezone.now(),
    )
    return user


@pytest.fixture
def consultation(meeting):
    """Consultation 1, held online a month before the meeting (so it has taken place)."""
    from submissions.models import Consultation

    return Consultation.objects.create(
        meeting=meeting,
        number=1,
        title="First Multi-stakeholder Consultation",
        title_ru="Первая многосторонняя консультация",
        starts_at=meeting.at(-40, datetime.time(14, 0)),
        ends_at=meeting.at(-40, datetime.time(16, 0)),
        format=Consultation.Format.ONLINE,
        location="Zoom",
        joining_details="https://zoom.example.org/j/123",
        agenda="<p>Welcome</p><script>alert(1)</script><ul><li>Priorities</li></ul>",
    )


@pytest.fixture
def upcoming_consultation(meeting):
    """Consultation 2, in person, a week from now."""
    from submissions.models import Consultation

    starts = timezone.now() + datetime.timedelta(days=7)
    return Consultation.objects.create(
        meeting=meeting,
        number=2,
        title="Second Multi-stakeholder Consultation",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        format=Consultation.Format.IN_PERSON,
        location="Palais des Nations, Room XXIV",
        joining_details="Bring your badge.",
    )


def objectives(*numbers):
    from sessions_app.models import GCMObjective

    return list(GCMObjective.objects.filter(number__in=numbers).order_by("number"))


def session(meeting, slug):
    return meeting.sessions.get(slug=slug)
