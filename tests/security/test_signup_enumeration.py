"""Sign-up does the same work for an address that has an account as for a new one.

Timing is not measured (benchmarks do that): the test counts the password hashes and the mails,
the two costs that differ when a sign-up stops early for an existing address.
"""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from gcm_review.models import OutgoingEmail
from registration.models import User
from tests.conftest import PASSWORD, make_user

HASHER = "tests.security.test_signup_enumeration.CountingHasher"


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    encoded = 0

    def encode(self, password, salt):
        CountingHasher.encoded += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [HASHER]
    CountingHasher.encoded = 0
    return CountingHasher


def sign_up(client, email):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": PASSWORD + "-new",
            "password2": PASSWORD + "-new",
            "full_name": "Someone",
            "preferred_language": "fr",
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["new@example.org", "taken@example.org", "TAKEN@example.org"])
def test_sign_up_hashes_the_password_and_writes_one_mail_whether_or_not_the_address_is_taken(
    client, counting_hasher, django_capture_on_commit_callbacks, email
):
    make_user("taken@example.org", preferred_language="ru")
    counting_hasher.encoded = 0
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, email)
    assert (response.status_code, response["Location"]) == (302, "/accounts/confirm-email/")
    assert counting_hasher.encoded == 1
    assert OutgoingEmail.objects.count() == 1
    assert User.objects.count() == (2 if email == "new@example.org" else 1)


@pytest.mark.django_db
def test_the_already_registered_mail_goes_through_the_outbox_in_the_owners_language(
    client, django_capture_on_commit_callbacks
):
    make_user("taken@example.org", preferred_language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "taken@example.org")
    sent = OutgoingEmail.objects.get()
    assert (sent.to, sent.language) == ("taken@example.org", "ru")
    assert sent.sent_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["taken@example.org", "unknown@example.org"])
def test_a_password_reset_writes_one_mail_whether_or_not_the_address_has_an_account(
    client, django_capture_on_commit_callbacks, email
):
    make_user("taken@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": email})
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/reset/done/")
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == [email]
