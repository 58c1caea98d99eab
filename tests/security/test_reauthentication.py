"""A session alone does not change the account's address or delete the account: allauth asks for
the password again, and the old address is told of a change, in its owner's language."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import translation

from gcm_review.models import OutgoingEmail
from registration.models import User
from tests.conftest import make_user, reauthenticate

NEXT_EMAIL = "/accounts/reauthenticate/?next=%2Faccounts%2Femail%2F"


@pytest.fixture
def person(db):
    """Someone who reads mail in French and has a second, verified address."""
    user = make_user("claire@example.org", full_name="Claire", preferred_language="fr")
    EmailAddress.objects.create(user=user, email="claire@work.example.org", verified=True)
    return user


def addresses(user):
    return sorted(EmailAddress.objects.filter(user=user).values_list("email", "primary"))


BEFORE = [("claire@example.org", True), ("claire@work.example.org", False)]


@pytest.mark.parametrize(
    "data",
    [
        {"action_add": "", "email": "mallory@example.org"},
        {"action_primary": "", "email": "claire@work.example.org"},
        {"action_remove": "", "email": "claire@work.example.org"},
    ],
    ids=["add", "make primary", "remove"],
)
def test_a_session_without_the_password_changes_no_address(client_of, person, data):
    response = client_of(person).post("/accounts/email/", data)
    assert (response.status_code, response["Location"]) == (302, NEXT_EMAIL)
    assert addresses(person) == BEFORE
    assert OutgoingEmail.objects.count() == 0


def test_a_session_without_the_password_deletes_no_account(client_of, person):
    response = client_of(person).post("/my/data/delete/", {"confirm": "DELETE"})
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/reauthenticate/?next=%2Fmy%2Fdata%2Fdelete%2F",
    )
    assert User.objects.filter(pk=person.pk).count() == 1


def test_a_wrong_password_does_not_reauthenticate(client_of, person):
    client = client_of(person)
    response = client.post("/accounts/reauthenticate/", {"password": "not-the-password"})
    assert response.status_code == 200
    response = client.post("/accounts/email/", {"action_add": "", "email": "mallory@example.org"})
    assert (response.status_code, response["Location"]) == (302, NEXT_EMAIL)
    assert addresses(person) == BEFORE


def test_the_suspended_deletion_goes_on_once_the_password_is_given(client_of, person):
    client = client_of(person)
    client.post("/my/data/delete/", {"confirm": "DELETE"})
    response = client.post(
        "/accounts/reauthenticate/?next=%2Fmy%2Fdata%2Fdelete%2F",
        {"password": "a-long-test-password"},
    )
    assert (response.status_code, response["Location"]) == (302, "/")
    assert User.objects.filter(pk=person.pk).count() == 0


def french(msgid):
    with translation.override("fr"):
        words = translation.gettext(msgid)
    assert words != msgid
    return words


def test_making_another_address_primary_after_the_password_tells_the_old_one_in_french(
    client_of, person, django_capture_on_commit_callbacks
):
    client = reauthenticate(client_of(person))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/email/", {"action_primary": "", "email": "claire@work.example.org"}
        )
    assert (response.status_code, response["Location"]) == (302, "/accounts/email/")
    assert addresses(person) == [("claire@example.org", False), ("claire@work.example.org", True)]
    told = OutgoingEmail.objects.get()
    assert (told.to, told.language) == ("claire@example.org", "fr")
    assert told.subject == f"[{french('GCM Regional Review')}] {french('Email Changed')}"
    assert "claire@work.example.org" in told.body


def test_changing_the_address_after_the_password_tells_the_old_one_in_french(
    db, client_of, django_capture_on_commit_callbacks
):
    user = make_user("claire@example.org", full_name="Claire", preferred_language="fr")
    client = reauthenticate(client_of(user))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/email/", {"action_add": "", "email": "c@new.example.org"})
    assert (response.status_code, response["Location"]) == (302, "/accounts/email/")
    assert [m.to for m in mail.outbox] == [["c@new.example.org"]]
    link = re.search(r"http://testserver(/\S*accounts/confirm-email/\S+/)", mail.outbox[0].body)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(link.group(1))
    assert sorted(EmailAddress.objects.values_list("email", "primary", "verified")) == [
        ("c@new.example.org", True, True)
    ]
    assert User.objects.get(pk=user.pk).email == "c@new.example.org"
    told = OutgoingEmail.objects.filter(to="claire@example.org").get()
    assert told.language == "fr"
    assert told.subject == f"[{french('GCM Regional Review')}] {french('Email Changed')}"
