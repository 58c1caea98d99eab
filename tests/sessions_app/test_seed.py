import datetime
import io
import zoneinfo

from django.core.management import call_command

from registration.models import FocalPoint, MemberState, StakeholderCategory, User
from sessions_app.models import (
    Document,
    GCMObjective,
    GuidingPrinciple,
    GuidingQuestion,
    KeyDate,
    Meeting,
    Session,
)

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
MODELS = (
    GCMObjective,
    GuidingPrinciple,
    Meeting,
    Session,
    KeyDate,
    GuidingQuestion,
    Document,
    MemberState,
    StakeholderCategory,
)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_loads_the_reference_data(seeded):
    assert counts() == {
        "GCMObjective": 23,
        "GuidingPrinciple": 10,
        "Meeting": 1,
        "Session": 8,
        "KeyDate": 7,  # five windows and deadlines, and the feedback survey opening and closing
        "GuidingQuestion": 5,
        "Document": 6,
        "MemberState": 56,
        "StakeholderCategory": 16,
    }


def test_seed_loads_the_programme_in_order_with_the_concept_note_objectives(meeting):
    programme = [
        (
            s.slug,
            s.starts_at.astimezone(GENEVA).strftime("%H:%M"),
            s.ends_at.astimezone(GENEVA).strftime("%H:%M"),
            [o.number for o in s.objectives.order_by("number")],
        )
        for s in meeting.sessions.order_by("starts_at")
    ]
    assert programme == [
        ("hearing", "08:30", "10:00", []),
        ("opening", "10:00", "10:30", []),
        ("session-1", "10:30", "11:45", [2, 5, 6, 12, 18]),
        ("session-2", "11:45", "13:00", [4, 8, 9, 10, 11, 13, 21]),
        ("high-level-panel", "13:30", "14:30", []),
        ("session-3", "14:45", "16:00", [14, 15, 16, 19, 20, 22]),
        ("session-4", "16:00", "17:15", [1, 3, 7, 17, 23]),
        ("closing", "17:15", "18:00", []),
    ]


def test_seed_covers_every_objective_exactly_once(meeting):
    covered = sorted(
        Session.objectives.through.objects.filter(session__meeting=meeting).values_list(
            "gcmobjective__number", flat=True
        )
    )
    assert covered == list(range(1, 24))


def test_seed_derives_key_dates_from_the_meeting_date(meeting):
    key_dates = {kd.kind: kd.at.astimezone(GENEVA) for kd in meeting.key_dates.all()}
    assert meeting.date == datetime.date(2024, 3, 11)
    assert meeting.timezone == "Europe/Zurich"
    assert key_dates[KeyDate.Kind.WRITTEN_INPUTS_DUE] == datetime.datetime(
        2024, 3, 4, 23, 59, tzinfo=GENEVA
    )
    assert key_dates[KeyDate.Kind.REPORT_DUE] == datetime.datetime(
        2024, 4, 10, 23, 59, tzinfo=GENEVA
    )


def test_seed_gives_every_state_a_subregion_and_the_questions_their_letters(meeting):
    assert MemberState.objects.filter(subregion="").count() == 0
    assert MemberState.objects.get(iso_alpha3="KAZ").subregion == "Central Asia"
    assert list(meeting.guiding_questions.values_list("letter", flat=True)) == [
        "a",
        "b",
        "c",
        "d",
        "e",
    ]
    assert GuidingQuestion.objects.get(letter="e").text.startswith("Outline areas")


def test_seed_translates_reference_data_into_french_and_russian(seeded):
    for model, field in (
        (GCMObjective, "title"),
        (GuidingPrinciple, "title"),
        (Session, "title"),
        (MemberState, "name"),
        (StakeholderCategory, "label"),
        (GuidingQuestion, "text"),
    ):
        for language in ("fr", "ru"):
            assert model.objects.filter(**{f"{field}_{language}": ""}).count() == 0
    assert MemberState.objects.get(iso_alpha3="DEU").name_ru == "Германия"
    assert MemberState.objects.get(iso_alpha3="DEU").name_fr == "Allemagne"


def test_second_seed_creates_nothing_and_keeps_staff_edits(seeded):
    Session.objects.filter(slug="opening").update(title="Opening, as staff renamed it")
    before = counts()
    output = io.StringIO()
    call_command("seed", stdout=output)
    assert counts() == before
    assert "objectives: 0" in output.getvalue()
    assert Session.objects.get(slug="opening").title == "Opening, as staff renamed it"


def test_seed_demo_creates_one_account_per_role_and_prints_them(seeded):
    output = io.StringIO()
    call_command("seed", "--demo", stdout=output)
    call_command("seed", "--demo", stdout=io.StringIO())
    staff = User.objects.get(email="staff@demo.gcm-review.org")
    assert staff.is_staff is True
    assert sorted(staff.groups.values_list("name", flat=True)) == [
        "Network data managers",
        "Network staff",
    ]
    focal_states = sorted(
        FocalPoint.objects.filter(status=FocalPoint.Status.VERIFIED).values_list(
            "member_state__iso_alpha3", flat=True
        )
    )
    assert focal_states == ["ARM", "PRT"]
    assert User.objects.get(email="stakeholder@demo.gcm-review.org").stakeholder_category.slug == (
        "civil_society"
    )
    assert User.objects.count() == 4
    printed = output.getvalue()
    for email in (
        "staff@demo.gcm-review.org",
        "focal.armenia@demo.gcm-review.org",
        "focal.portugal@demo.gcm-review.org",
        "stakeholder@demo.gcm-review.org",
    ):
        assert email in printed
    assert staff.check_password("review-demo-2024")


def test_seed_demo_keeps_the_meeting_date_and_opens_the_windows(seeded):
    from django.utils import timezone

    from submissions.models import DeadlineExtension

    call_command("seed", "--demo", stdout=io.StringIO())
    meeting = Meeting.objects.get()
    now = timezone.now()
    closes = meeting.key_dates.get(kind=KeyDate.Kind.REGISTRATION_CLOSES).at
    assert meeting.date == datetime.date(2024, 3, 11)
    assert (closes > now, meeting.demo_windows_until == closes) == (True, True)
    extended = sorted(
        DeadlineExtension.objects.filter(until__gt=now).values_list(
            "member_state__iso_alpha3", flat=True
        )
    )
    assert extended == ["ARM", "PRT"]
