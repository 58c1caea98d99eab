"""The feedback survey: it opens the day after the meeting, every approved participant is
mailed once in their language, answers once while it is open, and the answers name no one."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from gcm_review.site import site_url
from registration.models import Registration
from sessions_app.models import KeyDate, Session
from submissions.feedback import selectors, services
from submissions.feedback.models import (
    FeedbackInvitation,
    FeedbackRespondent,
    FeedbackResponse,
    FeedbackSessionRating,
)
from tests.submissions.feedback.conftest import answer, participant, window_set

pytestmark = pytest.mark.django_db

FRENCH_SUBJECT = "Comment s’est passée la réunion ? Une enquête de cinq minutes"
RUSSIAN_SUBJECT = "Как прошло совещание? Анкета на пять минут"


def test_by_default_the_survey_opens_the_day_after_the_meeting_and_closes_two_weeks_later(
    meeting,
):
    meeting.key_dates.filter(kind__in=(KeyDate.Kind.FEEDBACK_OPENS, "feedback_closes")).delete()
    opens, closes = selectors.feedback_window(meeting=meeting)
    assert (opens, closes) == (
        meeting.at(1, datetime.time(9, 0)),
        meeting.at(15, datetime.time(23, 59)),
    )
    seeded = dict(meeting.key_dates.values_list("kind", "at"))
    assert "feedback_opens" not in seeded  # removed above; the seed gives every meeting both


def test_the_seed_gives_the_meeting_both_key_dates_at_their_defaults(meeting):
    dates = dict(meeting.key_dates.values_list("kind", "at"))
    assert (dates["feedback_opens"], dates["feedback_closes"]) == (
        meeting.at(1, datetime.time(9, 0)),
        meeting.at(15, datetime.time(23, 59)),
    )


def test_each_approved_participant_is_mailed_once_in_their_language(
    survey_open, django_capture_on_commit_callbacks
):
    amelie = participant(survey_open, "amelie@example.org", language="fr")
    boris = participant(survey_open, "boris@example.org", language="ru")
    for status in ("pending", "rejected", "withdrawn"):
        participant(survey_open, f"{status}@example.org", status=status)
    participant(survey_open, "gone@example.org", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.feedback_invitations_send(meeting=survey_open) == 2
    assert sorted((m.to[0], m.subject.split("] ", 1)[1]) for m in mail.outbox) == [
        (amelie.email, FRENCH_SUBJECT),
        (boris.email, RUSSIAN_SUBJECT),
    ]
    french = next(m for m in mail.outbox if m.to == [amelie.email])
    assert f"{site_url()}/fr/feedback/" in french.body
    assert "Vos réponses sont anonymes." in french.body
    with django_capture_on_commit_callbacks(execute=True):
        assert services.feedback_invitations_send(meeting=survey_open) == 0
    assert len(mail.outbox) == 2
    assert sorted(FeedbackInvitation.objects.values_list("user__email", flat=True)) == [
        amelie.email,
        boris.email,
    ]


def test_a_participant_approved_later_is_mailed_at_the_next_run(survey_open):
    participant(survey_open, "first@example.org")
    services.feedback_invitations_send(meeting=survey_open)
    later = participant(survey_open, "later@example.org")
    assert services.feedback_invitations_send(meeting=survey_open) == 1
    assert list(FeedbackInvitation.objects.order_by("pk").values_list("user", flat=True))[1:] == [
        later.pk
    ]


@pytest.mark.parametrize(("opened_days_ago", "closes_in_days"), [(-2, 12), (20, -1)])
def test_nobody_is_mailed_before_the_survey_opens_or_after_it_closes(
    meeting, opened_days_ago, closes_in_days
):
    window_set(meeting, opened_days_ago=opened_days_ago, closes_in_days=closes_in_days)
    participant(meeting, "amelie@example.org")
    assert services.feedback_invitations_send(meeting=meeting) == 0
    assert (len(mail.outbox), FeedbackInvitation.objects.count()) == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_mail_each_participant_once(meeting):
    window_set(meeting, opened_days_ago=1, closes_in_days=10)
    people = [participant(meeting, f"p{n}@example.org") for n in range(6)]
    start = threading.Barrier(2)
    counts, errors = [], []

    def run():
        try:
            start.wait()
            counts.append(services.feedback_invitations_send(meeting=meeting))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(counts) == 6
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert FeedbackInvitation.objects.count() == 6


def test_the_periodic_task_mails_the_current_meetings_participants(survey_open):
    from submissions.feedback.tasks import feedback_invitations_send

    participant(survey_open, "amelie@example.org")
    assert feedback_invitations_send.delay().get() == 1


def test_an_approved_participant_answers_once_and_the_answers_name_no_one(client_of, survey_open):
    person = participant(survey_open, "amelie@example.org")
    hearing = Session.objects.get(meeting=survey_open, slug="hearing")
    client = client_of(person)
    page = client.get("/feedback/")
    assert page.status_code == 200
    data = {
        "overall": "5",
        f"session_{hearing.pk}": "3",
        "accessibility": "4",
        "interpretation": "",
        "comment": "  More time for questions.  ",
    }
    response = client.post("/feedback/", data)
    assert (response.status_code, response["Location"]) == (302, "/feedback/")
    assert list(FeedbackRespondent.objects.values_list("user", flat=True)) == [person.pk]
    assert list(
        FeedbackResponse.objects.values_list(
            "overall",
            "accessibility",
            "interpretation",
            "online_experience",
            "attended_online",
            "comment",
        )
    ) == [(5, 4, None, None, False, "More time for questions.")]
    assert list(FeedbackSessionRating.objects.values_list("session__slug", "rating")) == [
        ("hearing", 3)
    ]
    again = client.post("/feedback/", {**data, "overall": "1"})
    assert again.status_code == 400
    assert "You have already answered the survey: thank you." in again.content.decode()
    assert (FeedbackRespondent.objects.count(), FeedbackResponse.objects.count()) == (1, 1)
    assert "You have answered the survey: thank you." in client.get("/feedback/").content.decode()


def test_the_answers_carry_no_person_and_no_time():
    fields = {f.name for f in FeedbackResponse._meta.get_fields()}
    assert fields == {
        "id",
        "meeting",
        "attended_online",
        "overall",
        "accessibility",
        "interpretation",
        "online_experience",
        "comment",
        "session_ratings",
    }
    assert {f.name for f in FeedbackSessionRating._meta.get_fields()} == {
        "id",
        "response",
        "session",
        "rating",
    }
    assert {f.name for f in FeedbackRespondent._meta.get_fields()} == {"id", "meeting", "user"}


def test_answering_twice_through_the_service_is_refused_by_the_constraint(survey_open):
    person = participant(survey_open, "amelie@example.org")
    answer(survey_open, person)
    with pytest.raises(ValidationError):
        answer(survey_open, person, overall=1)
    assert list(FeedbackResponse.objects.values_list("overall", flat=True)) == [4]


@pytest.mark.parametrize("status", ["pending", "rejected", "withdrawn"])
def test_someone_not_approved_cannot_answer(client_of, survey_open, status):
    person = participant(survey_open, "paula@example.org", status=status)
    client = client_of(person)
    assert client.get("/feedback/").status_code == 403
    assert client.post("/feedback/", {"overall": "5"}).status_code == 403
    with pytest.raises(PermissionDenied):
        answer(survey_open, person)
    assert (FeedbackRespondent.objects.count(), FeedbackResponse.objects.count()) == (0, 0)


def test_someone_without_a_registration_cannot_answer(client_of, survey_open, focal_point_a):
    assert client_of(focal_point_a).post("/feedback/", {"overall": "5"}).status_code == 403
    assert FeedbackResponse.objects.count() == 0


@pytest.mark.parametrize(
    ("opened_days_ago", "closes_in_days", "text"),
    [(-2, 12, "The survey opens on"), (20, -1, "The survey closed on")],
)
def test_the_survey_cannot_be_answered_before_it_opens_or_after_it_closes(
    client_of, meeting, opened_days_ago, closes_in_days, text
):
    window_set(meeting, opened_days_ago=opened_days_ago, closes_in_days=closes_in_days)
    person = participant(meeting, "amelie@example.org")
    client = client_of(person)
    page = client.get("/feedback/")
    assert page.status_code == 200
    assert text in page.content.decode()
    assert "form" not in page.context
    assert client.post("/feedback/", {"overall": "5"}).status_code == 403
    with pytest.raises(PermissionDenied):
        answer(meeting, person)
    assert (FeedbackRespondent.objects.count(), FeedbackResponse.objects.count()) == (0, 0)


def test_the_questions_follow_the_parts_and_the_attendance_registered_for(client_of, survey_open):
    person = participant(
        survey_open,
        "hugo@example.org",
        parts=Registration.Parts.HEARING,
        attendance=Registration.Attendance.ONLINE,
    )
    hearing = Session.objects.get(meeting=survey_open, slug="hearing")
    panel = Session.objects.get(meeting=survey_open, slug="high-level-panel")
    form = client_of(person).get("/feedback/").context["form"]
    assert [name for name in form.fields if name.startswith("session_")] == [
        f"session_{hearing.pk}"
    ]
    assert "online_experience" in form.fields
    in_person = participant(survey_open, "ines@example.org", parts="conference")
    form = client_of(in_person).get("/feedback/").context["form"]
    assert "online_experience" not in form.fields
    assert f"session_{hearing.pk}" not in form.fields and f"session_{panel.pk}" in form.fields
    # a forged rating of a session of the other part is not kept
    answer(survey_open, person, online_experience=2, sessions={hearing.pk: 5, panel.pk: 1})
    assert list(FeedbackSessionRating.objects.values_list("session__slug", "rating")) == [
        ("hearing", 5)
    ]
    assert list(FeedbackResponse.objects.values_list("online_experience", "attended_online")) == [
        (2, True)
    ]


def test_without_an_overall_rating_the_form_says_so_in_french_and_keeps_the_comment(
    client_of, survey_open
):
    person = participant(survey_open, "amelie@example.org", language="fr")
    response = client_of(person).post(
        "/fr/feedback/", {"comment": "Les salles étaient trop froides.", "overall": ""}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Donnez une note d’ensemble à la réunion." in content
    assert "Les salles étaient trop froides." in content
    assert FeedbackResponse.objects.count() == 0


def test_a_rating_outside_the_scale_is_a_form_error(client_of, survey_open):
    person = participant(survey_open, "amelie@example.org")
    response = client_of(person).post("/feedback/", {"overall": "9"})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["overall"]
    assert FeedbackRespondent.objects.count() == 0


def test_the_mail_link_does_not_sign_in(survey_open, django_capture_on_commit_callbacks):
    participant(survey_open, "amelie@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_invitations_send(meeting=survey_open)
    links = [line for line in mail.outbox[0].body.splitlines() if "http" in line]
    assert links == [f"{site_url()}/feedback/"]


def test_the_window_is_moved_by_staff_and_must_close_after_it_opens(client_of, meeting, staff_user):
    client = client_of(staff_user)
    tz = meeting.tzinfo
    opens = (
        (timezone.now() + datetime.timedelta(days=2))
        .astimezone(tz)
        .replace(second=0, microsecond=0)
    )
    closes = opens + datetime.timedelta(days=7)
    response = client.post(
        "/staff/feedback/window/",
        {"opens": opens.strftime("%Y-%m-%dT%H:%M"), "closes": closes.strftime("%Y-%m-%dT%H:%M")},
    )
    assert (response.status_code, response["Location"]) == (302, "/staff/feedback/")
    assert selectors.feedback_window(meeting=meeting) == (opens, closes)
    wrong = client.post(
        "/fr/staff/feedback/window/",
        {"opens": closes.strftime("%Y-%m-%dT%H:%M"), "closes": opens.strftime("%Y-%m-%dT%H:%M")},
    )
    assert wrong.status_code == 400
    assert "L’enquête doit se clore après son ouverture." in wrong.content.decode()
    assert selectors.feedback_window(meeting=meeting) == (opens, closes)


def test_staff_send_the_invitations_now_only_while_the_survey_is_open(
    client_of, meeting, staff_user
):
    participant(meeting, "amelie@example.org")
    client = client_of(staff_user)
    window_set(meeting, opened_days_ago=-1, closes_in_days=10)
    closed = client.post("/staff/feedback/send/", follow=True)
    assert "The survey is not open" in closed.content.decode()
    assert FeedbackInvitation.objects.count() == 0
    window_set(meeting, opened_days_ago=1, closes_in_days=10)
    sent = client.post("/staff/feedback/send/", follow=True)
    assert "Invitations sent: 1." in sent.content.decode()
    assert FeedbackInvitation.objects.count() == 1


def test_the_personal_data_export_says_when_the_survey_was_mailed_and_whether_answered(
    survey_open,
):
    from gcm_review.personal_data import personal_data_export

    person = participant(survey_open, "amelie@example.org")
    services.feedback_invitations_send(meeting=survey_open)
    answer(survey_open, person, comment="Kept anonymous.")
    invitation = FeedbackInvitation.objects.get()
    assert personal_data_export(person)["feedback_survey"] == [
        {
            "meeting": survey_open.name,
            "invited_at": invitation.sent_at.isoformat(),
            "answered": True,
        }
    ]
    assert "Kept anonymous." not in str(personal_data_export(person))
