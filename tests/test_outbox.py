"""Mail goes through one outbox: stored with the change, sent after commit, retried later."""

import pytest
from django.core import mail

from gcm_review.celery import app as celery_app
from gcm_review.models import OutgoingEmail
from gcm_review.outbox import email_enqueue
from gcm_review.tasks import outbox_retry_unsent
from registration.models import Registration, StakeholderCategory

DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1: a real refused connection


def _reset_broker_connections():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Celery publishes to a Redis that does not answer, as during an outage."""
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager)
    conf.broker_url, conf.task_always_eager = DEAD_BROKER, False
    _reset_broker_connections()
    yield
    conf.broker_url, conf.task_always_eager = saved
    _reset_broker_connections()


def test_mail_is_stored_and_sent_only_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email = email_enqueue(to="a@example.org", subject="Hello", body="Text", language="en")
    assert (len(mail.outbox), email.sent_at) == (0, None)
    for callback in callbacks:
        callback()
    email.refresh_from_db()
    assert [m.subject for m in mail.outbox] == ["Hello"]
    assert (email.sent_at is not None, email.attempts) == (True, 1)


def test_sending_twice_sends_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = email_enqueue(to="a@example.org", subject="Once", body="Text", language="en")
    assert outbox_retry_unsent(older_than_seconds=0) == 0
    from gcm_review.outbox import email_send

    assert email_send(email_id=email.pk) is False
    assert [m.subject for m in mail.outbox] == ["Once"]


def test_registration_succeeds_while_redis_is_down_and_the_mail_goes_out_later(
    client_of, registration_open, stakeholder, broker_down, django_capture_on_commit_callbacks
):
    category = StakeholderCategory.objects.get(slug="civil_society")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(stakeholder).post(
            "/register/",
            {
                "profile-full_name": "Sofia Stakeholder",
                "profile-organisation": "Migrant Voices",
                "profile-stakeholder_category": str(category.pk),
                "profile-preferred_language": "en",
                "registration-parts": "hearing",
                "registration-attendance": "online",
                "registration-consent_privacy": "on",
            },
        )
    assert (response.status_code, response["Location"]) == (302, "/my/")
    assert Registration.objects.get().status == "pending"
    waiting = OutgoingEmail.objects.get()
    assert (waiting.sent_at, waiting.to, len(mail.outbox)) == (None, stakeholder.email, 0)

    # Redis is back: the periodic task sends what waited.
    celery_app.conf.broker_url = "memory://localhost/"
    _reset_broker_connections()
    assert outbox_retry_unsent(older_than_seconds=0) == 1
    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    assert [m.to for m in mail.outbox] == [[stakeholder.email]]


def test_signing_in_works_while_redis_is_down(client, stakeholder, broker_down, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "gcm_review.cache.TolerantRedisCache",
            "LOCATION": DEAD_BROKER,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    response = client.post(
        "/accounts/login/", {"login": stakeholder.email, "password": "a-long-test-password"}
    )
    assert (response.status_code, response["Location"]) == (302, "/my/")
    assert client.get("/my/").context["user"] == stakeholder


# Receipts -----------------------------------------------------------------------------------


def _sent_after_commit(callbacks) -> list[tuple[str, str]]:
    """Nothing went out inside the transaction; then run what commit runs and return what went."""
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    return sorted((message.to[0], message.subject) for message in mail.outbox)


def test_submitting_a_written_input_mails_each_focal_point_of_the_state_a_receipt_in_their_language(
    meeting, django_capture_on_commit_callbacks
):
    from submissions import services
    from tests.conftest import _focal_point
    from tests.submissions.conftest import deadline_open

    deadline_open(meeting)
    writer = _focal_point("anahit@mfa.example.am", "ARM", "Anahit Focal")
    colleague = _focal_point("aram@mfa.example.am", "ARM", "Aram Focal")
    writer.preferred_language, colleague.preferred_language = "ru", "fr"
    writer.save(), colleague.save()
    _focal_point("pedro@mne.example.pt", "PRT", "Pedro Focal")
    submission = services.submission_get_or_create(
        meeting=meeting, member_state=writer.focal_point.member_state
    )
    answers = {letter: {"text": f"Answer {letter}.", "objectives": []} for letter in "abcde"}
    submission = services.submission_save(
        submission=submission, by=writer, version=1, language="ru", answers=answers, cooperation={}
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submission_submit(submission=submission, by=writer, version=submission.version)
    assert _sent_after_commit(callbacks) == [
        ("anahit@mfa.example.am", "[Региональный обзор ГДМ] Мы получили ваши письменные материалы"),
        ("aram@mfa.example.am", mail.outbox[1].subject),
    ]
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address["aram@mfa.example.am"].subject.endswith(
        "] Nous avons bien reçu votre contribution écrite"
    )
    assert (
        "Сеть получила письменные материалы государства Армения, представленные Anahit Focal"
        in (by_address["anahit@mfa.example.am"].body)
    )
    assert OutgoingEmail.objects.filter(language="fr").count() == 1


def test_withdrawing_a_registration_mails_a_receipt_in_the_registrants_language(
    client_of, registration_open, stakeholder, django_capture_on_commit_callbacks
):
    from registration import services

    stakeholder.preferred_language = "fr"
    stakeholder.save()
    services.registration_submit(
        meeting=registration_open,
        user=stakeholder,
        profile={"full_name": stakeholder.full_name},
        choices={"parts": "hearing", "attendance": "online", "consent_privacy": True},
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_of(stakeholder).post("/fr/register/withdraw/")
    assert response.status_code == 302
    assert Registration.objects.get().status == "withdrawn"
    [(to, subject)] = _sent_after_commit(callbacks)
    assert (to, subject.endswith("] Votre inscription est retirée")) == (stakeholder.email, True)
    assert "vous n'avez plus de place à la réunion" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        client_of(stakeholder).post("/fr/register/withdraw/")  # already withdrawn: no second mail
    assert len(mail.outbox) == 1


def test_confirming_a_seat_mails_a_receipt_in_the_speakers_language(
    meeting, stakeholder, staff_user, django_capture_on_commit_callbacks
):
    from registration import services
    from tests.registration.speakers import apply, calls_open, select_and_tell

    stakeholder.preferred_language = "ru"
    stakeholder.save()
    expression = select_and_tell(apply(calls_open(meeting), stakeholder, "rapporteur"), staff_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.expression_respond(expression=expression, user=stakeholder, accept=True)
    assert _sent_after_commit(callbacks) == [
        (stakeholder.email, "[Региональный обзор ГДМ] Спасибо за подтверждение")
    ]
    assert "Сеть получила ваше подтверждение: Sofia Stakeholder" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.expression_respond(expression=expression, user=stakeholder, accept=True)
    assert len(mail.outbox) == 1  # confirming again changes nothing and sends nothing
