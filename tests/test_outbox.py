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
