"""Mail goes through one outbox: stored with the change, sent after commit, retried later;
secrets made at sending, never stored; subjects plain text that always fit."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from gcm_review.celery import app as celery_app
from gcm_review.mail_secrets import SECRET_MARK
from gcm_review.models import OutgoingEmail
from gcm_review.outbox import MAX_ATTEMPTS, SUBJECT_MAX_LENGTH, email_enqueue, emails_unsent
from gcm_review.tasks import outbox_retry_unsent
from registration.models import Registration, StakeholderCategory, User
from submissions.models import Consultation
from tests.conftest import PASSWORD
from tests.security.test_mail_secrets import NEW_PASSWORD, RESET_LINK, password_set_from

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


# Mails with a secret: the row waits without it, the secret is made when the mail goes out ---


def _reset_waiting(email: str, capture) -> OutgoingEmail:
    """Ask a password reset for ``email``; the outbox row, not sent yet."""
    with capture(execute=True):
        response = Client().post("/accounts/password/reset/", {"email": email})
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/reset/done/")
    waiting = OutgoingEmail.objects.get(to=email)
    assert (waiting.sent_at, SECRET_MARK in waiting.body, len(mail.outbox)) == (None, True, 0)
    return waiting


def _broker_back():
    celery_app.conf.broker_url = "memory://localhost/"
    _reset_broker_connections()


def _sent_link() -> str:
    assert len(mail.outbox) == 1
    return RESET_LINK.search(mail.outbox[0].body).group(1)


def test_a_reset_asked_while_redis_is_down_goes_out_later_with_a_working_link(
    stakeholder, broker_down, django_capture_on_commit_callbacks
):
    _reset_waiting(stakeholder.email, django_capture_on_commit_callbacks)
    _broker_back()
    assert outbox_retry_unsent(older_than_seconds=0) == 1
    assert outbox_retry_unsent(older_than_seconds=0) == 0
    password_set_from(_sent_link())
    stakeholder.refresh_from_db()
    assert stakeholder.check_password(NEW_PASSWORD) is True


def test_a_reset_refused_by_the_mail_server_is_retried_once_it_answers(
    stakeholder, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/password/reset/", {"email": stakeholder.email})
    failed = OutgoingEmail.objects.get()
    assert (failed.sent_at, failed.attempts, failed.last_error != "") == (None, 1, True)
    assert SECRET_MARK in failed.body

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_retry_unsent(older_than_seconds=0) == 1
    failed.refresh_from_db()
    assert (failed.attempts, failed.last_error, SECRET_MARK in failed.body) == (2, "", True)
    password_set_from(_sent_link())


def test_a_waiting_reset_sent_after_a_password_change_carries_a_link_valid_now(
    stakeholder, broker_down, django_capture_on_commit_callbacks
):
    _reset_waiting(stakeholder.email, django_capture_on_commit_callbacks)
    stakeholder.set_password("changed-in-the-meantime-2029")
    stakeholder.save()
    _broker_back()
    assert outbox_retry_unsent(older_than_seconds=0) == 1
    password_set_from(_sent_link())


def test_a_waiting_reset_for_an_account_closed_since_is_not_sent(
    stakeholder, broker_down, django_capture_on_commit_callbacks
):
    waiting = _reset_waiting(stakeholder.email, django_capture_on_commit_callbacks)
    User.objects.filter(pk=stakeholder.pk).update(is_active=False)
    _broker_back()
    assert outbox_retry_unsent(older_than_seconds=0) == 0
    waiting.refresh_from_db()
    assert (waiting.sent_at, waiting.attempts, len(mail.outbox)) == (None, MAX_ATTEMPTS, 0)
    assert waiting.last_error == "Not sent: what its link was for no longer exists."
    assert emails_unsent(older_than=timedelta(0)) == []


def test_links_stored_before_the_change_are_struck_out_by_the_migration(db):
    sent = email_enqueue(
        to="a@example.org",
        subject="Reset",
        body="http://x.org/fr/accounts/password/reset/key/3-cmt2qe-8a4f0b2c/\nBye",
        language="fr",
    )
    waiting = email_enqueue(
        to="b@example.org",
        subject="Confirm",
        body="Confirm: http://x.org/accounts/confirm-email/MTI:1vR:Abc-def_g/ now",
        language="en",
    )
    OutgoingEmail.objects.filter(pk=sent.pk).update(sent_at=timezone.now())
    migration = importlib.import_module(
        "gcm_review.migrations.0003_outgoing_email_secret_made_at_sending"
    )
    migration.redact_stored_secrets(django_apps, None)
    sent.refresh_from_db()
    waiting.refresh_from_db()
    assert sent.body == f"http://x.org/fr/accounts/password/reset/key/3-{SECRET_MARK}/\nBye"
    assert waiting.body == f"Confirm: http://x.org/accounts/confirm-email/{SECRET_MARK}/ now"
    assert (sent.attempts, waiting.attempts) == (0, MAX_ATTEMPTS)


# Subjects: plain text, one line, always fitting the column ----------------------------------


def test_the_outbox_accepts_any_subject_and_cuts_it_with_an_ellipsis(
    db, django_capture_on_commit_callbacks
):
    subject = "Women's & children's\nrights " * 40
    with django_capture_on_commit_callbacks(execute=True):
        email = email_enqueue(to="a@example.org", subject=subject, body="Text", language="en")
    email.refresh_from_db()
    whole = " ".join(subject.split())
    assert email.subject == whole[: SUBJECT_MAX_LENGTH - 1].rstrip() + "…"
    assert (len(email.subject), [m.subject for m in mail.outbox]) == (255, [email.subject])


LONGEST_TITLES = {
    "title": "Women's & Children's Rights: ",
    "title_fr": "Droits des femmes & de l'enfant : ",
    "title_ru": "Права женщин & детей «ГДМ» 'мигрантов': ",
}


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_registering_for_a_consultation_with_the_longest_title_mails_a_plain_subject(
    client_of, meeting, stakeholder, language, django_capture_on_commit_callbacks
):
    length = Consultation._meta.get_field("title").max_length
    titles = {f: (words * length)[: length - 1] + "&" for f, words in LONGEST_TITLES.items()}
    starts = timezone.now() + timedelta(days=7)
    consultation = Consultation.objects.create(
        meeting=meeting,
        number=3,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        format=Consultation.Format.ONLINE,
        **titles,
    )
    User.objects.filter(pk=stakeholder.pk).update(preferred_language=language)
    prefix = "" if language == "en" else f"/{language}"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(stakeholder).post(
            f"{prefix}/consultations/{consultation.pk}/register/"
        )
    assert (response.status_code, response["Location"]) == (
        302,
        f"{prefix}/consultations/#consultation-3",
    )
    assert consultation.registrations.filter(user=stakeholder).count() == 1
    title = titles["title" if language == "en" else f"title_{language}"]
    with translation.override(language):
        whole = "[{}] {}".format(
            translation.gettext("GCM Regional Review"),
            translation.gettext("You are registered: %(title)s") % {"title": title},
        )
    expected = whole if len(whole) <= 255 else whole[:254].rstrip() + "…"
    assert [m.subject for m in mail.outbox] == [expected]
    assert OutgoingEmail.objects.get().subject == expected


# The portal's name in allauth's mails, and the sender's name, in the recipient's language ---


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_sign_up_and_reset_mails_name_the_portal_and_the_sender_in_the_language(
    seeded, settings, language, django_capture_on_commit_callbacks
):
    prefix = "" if language == "en" else f"/{language}"
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            f"{prefix}/accounts/signup/",
            {
                "email": "new@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "full_name": "New Person",
                "preferred_language": language,
            },
        )
        Client().post(f"{prefix}/accounts/password/reset/", {"email": "new@example.org"})
    with translation.override(language):
        name = translation.gettext("GCM Regional Review")
        hello = translation.gettext("Hello from %(site_name)s!") % {"site_name": name}
        thanks = translation.gettext("Thank you for using %(site_name)s!\n%(site_domain)s") % {
            "site_name": name,
            "site_domain": "127.0.0.1:8000",  # the host of SITE_URL
        }
    address = settings.DEFAULT_FROM_EMAIL.split("<")[1].rstrip(">")
    assert [(m.from_email, m.body.splitlines()[0]) for m in mail.outbox] == [
        (f"{name} <{address}>", hello)
    ] * 2
    assert [m.body.endswith(thanks) for m in mail.outbox] == [True] * 2
    assert [m.language for m in OutgoingEmail.objects.order_by("pk")] == [language] * 2
