"""The page after sign-up offers a new link and names the Network's contact address."""

import re

from django.core import mail
from django.core.cache import cache
from django.utils import translation

from gcm_review.models import OutgoingEmail
from sessions_app.models import Meeting
from tests.html import text, texts

PASSWORD = "Une-phrase-de-passe-solide-2028"


def french(msgid):
    with translation.override("fr"):
        words = translation.gettext(msgid)
    assert words != msgid
    return words


def sign_up(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            "/fr/accounts/signup/",
            {
                "email": "amira@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "full_name": "Amira Haddad",
                "preferred_language": "fr",
            },
            follow=True,
        )


def test_the_verification_page_offers_a_new_link_and_names_the_contact_in_french(
    client, seeded, django_capture_on_commit_callbacks
):
    page = sign_up(client, django_capture_on_commit_callbacks)
    assert page.redirect_chain == [("/fr/accounts/confirm-email/", 302)]
    assert text(page.content, "h2") == french("No email?")
    html = page.content.decode()
    assert re.findall(r'<form method="post" action="([^"]+)"', html) == ["/fr/accounts/login/"]
    fields = re.findall(r'<input type="(\w+)" name="(\w+)"', html)
    assert [field for field in fields if field[1] != "csrfmiddlewaretoken"] == [
        ("email", "login"),
        ("password", "password"),
    ]
    contact = Meeting.objects.current().contact_email
    assert contact
    assert f'<a href="mailto:{contact}">{contact}</a>' in html
    assert texts(page.content, "button") == [french("Send the link again")]


def test_the_form_sends_a_new_link_at_most_once_in_three_minutes(
    client, seeded, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    again = {"login": "amira@example.org", "password": PASSWORD}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/accounts/login/", again)
    assert (response.status_code, response["Location"]) == (302, "/fr/accounts/confirm-email/")
    assert OutgoingEmail.objects.count() == 1  # the sign-up's link is less than 3 minutes old

    cache.clear()  # allauth's rate-limit counters live in the cache: three minutes have passed
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/accounts/login/", again)
    assert (response.status_code, response["Location"]) == (302, "/fr/accounts/confirm-email/")
    assert [m.to for m in mail.outbox] == [["amira@example.org"], ["amira@example.org"]]
    assert OutgoingEmail.objects.filter(language="fr").count() == 2


def test_a_wrong_password_sends_no_link(client, seeded, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/fr/accounts/login/", {"login": "amira@example.org", "password": "wrong"}
        )
    assert response.status_code == 200
    assert OutgoingEmail.objects.count() == 1


def test_a_signed_in_person_sends_the_link_to_an_unconfirmed_address_again(
    client_of, stakeholder, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=stakeholder, email="sofia@new.example.org")
    client = client_of(stakeholder)
    page = client.get("/accounts/confirm-email/")
    assert texts(page.content, "button") == [
        "Sign out",
        "Send the link to sofia@new.example.org again",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/email/", {"action_send": "", "email": "sofia@new.example.org"}
        )
    assert (response.status_code, response["Location"]) == (302, "/accounts/email/")
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == ["sofia@new.example.org"]
