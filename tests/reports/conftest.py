"""Data for summary-report tests: approved registrations and published written inputs."""

import datetime

import pytest
from django.utils import timezone

from registration import services as registration_services
from registration.models import FocalPoint, MemberState, Registration, StakeholderCategory
from sessions_app.models import GCMObjective, KeyDate
from submissions import services as submission_services
from tests.conftest import make_user

RUSSIAN_ANSWER = (
    "<p>Казахстан укрепляет региональное сотрудничество в области трудовой миграции "
    "и защиты прав мигрантов.</p>"
)


def publish_input(meeting, iso3, staff, *, language="en", text_c=None, objectives=(23,)):
    """A published written input of the state ``iso3`` with five answers."""
    state = MemberState.objects.get(iso_alpha3=iso3)
    author = make_user(f"focal-{iso3.lower()}@example.org", full_name=f"Focal {iso3}")
    FocalPoint.objects.create(user=author, member_state=state, status="verified")
    submission = submission_services.submission_get_or_create(meeting=meeting, member_state=state)
    chosen = list(GCMObjective.objects.filter(number__in=objectives))
    answers = {
        letter: {"text": f"<p>{state.name} answers question {letter}.</p>", "objectives": chosen}
        for letter in "abcde"
    }
    if text_c:
        answers["c"]["text"] = text_c
    submission_services.submission_save(
        submission=submission,
        by=author,
        version=submission.version,
        language=language,
        answers=answers,
        cooperation={"finance": chosen, "data": chosen},
    )
    submission.refresh_from_db()
    submission_services.submission_submit(
        submission=submission, by=author, version=submission.version
    )
    submission_services.submission_publish(submission=submission, by=staff)
    return submission


@pytest.fixture
def review_data(meeting, staff_user):
    """Two published inputs (one Russian) and three approved registrations, one pending."""
    meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
        at=timezone.now() + datetime.timedelta(days=5)
    )
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_CLOSES).update(
        at=timezone.now() + datetime.timedelta(days=5)
    )
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_OPENS).update(
        at=timezone.now() - datetime.timedelta(days=5)
    )
    publish_input(meeting, "ARM", staff_user)
    publish_input(meeting, "KAZ", staff_user, language="ru", text_c=RUSSIAN_ANSWER)
    civil = StakeholderCategory.objects.get(slug="civil_society")
    academia = StakeholderCategory.objects.get(slug="academia")
    italy = MemberState.objects.get(iso_alpha3="ITA")
    people = [
        ("ana@example.org", civil, "woman"),
        ("ben@example.org", civil, "man"),
        ("cho@example.org", academia, "woman"),
        ("dev@example.org", academia, "man"),
    ]
    for email, category, gender in people:
        user = make_user(email, stakeholder_category=category, gender=gender, country=italy)
        registration_services.registration_submit(
            user=user,
            meeting=meeting,
            profile={},
            choices={"parts": "both", "attendance": "online", "consent_privacy": True},
        )
    ids = list(Registration.objects.order_by("pk").values_list("pk", flat=True))[:3]
    registration_services.registrations_decide(
        registration_ids=ids, action="approve", by=staff_user
    )
    return meeting
