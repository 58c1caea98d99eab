"""Secrets in mail: password-reset and email-confirmation links are never stored, so no role
reads another person's link anywhere in the portal (issue 16, finding 1).

The attack of the finding: a member of Network staff asks a password reset for a data
manager, reads the link in the admin's outbox and takes over the account. Now the outbox keeps
``SECRET_MARK`` where the link's secret goes and makes the secret afresh at sending; plain
staff no longer read the outbox at all (only data managers and the superuser do).
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client

from gcm_review.mail_secrets import SECRET_MARK
from gcm_review.models import OutgoingEmail
from registration.accounts.adapters import AccountAdapter
from registration.models import User
from registration.seeding import staff_groups_ensure
from tests.conftest import PASSWORD, make_user
from tests.registration.test_exports import admin_export

RESET_LINK = re.compile(r"http://testserver(/accounts/password/reset/key/([0-9a-z]+)-([^/\s]+)/)")
CONFIRM_LINK = re.compile(r"http://testserver(/accounts/confirm-email/([^/\s]+)/)")
EXPORTS = [
    "/admin/registration/user/export/",
    "/admin/registration/registration/export/",
    "/admin/registration/expressionofinterest/export/",
]
NEW_PASSWORD = "A-new-passphrase-for-2029"


def reset_asked(email: str, capture) -> tuple[str, str]:
    """Ask a reset for ``email`` as anyone may; the link and secret of the mail sent."""
    mail.outbox.clear()
    with capture(execute=True):
        response = Client().post("/accounts/password/reset/", {"email": email})
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/reset/done/")
    assert [m.to for m in mail.outbox] == [[email]]
    found = RESET_LINK.search(mail.outbox[0].body)
    return found.group(1), found.group(3)


def stored_anywhere(secret: str) -> list[str]:
    """Every text column of every table of the database that holds ``secret``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb')"
        )
        columns = cursor.fetchall()
        holding = []
        for table, column in columns:
            cursor.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}"::text LIKE %s LIMIT 1',  # noqa: S608
                [f"%{secret}%"],
            )
            if cursor.fetchone():
                holding.append(f"{table}.{column}")
    return holding


def password_set_from(link: str) -> Client:
    """Follow the reset link and set a new password, as the mail's recipient does."""
    client = Client()
    response = client.get(link)
    assert response.status_code == 302
    response = client.post(
        response["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/password/reset/key/done/",
    )
    return client


@pytest.fixture
def victim(seeded):
    """A data manager: the account worth taking over (it reaches the exports)."""
    user = make_user("dora@un.example.org", full_name="Dora Data", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=["Network staff", "Network data managers"]))
    return user


def test_a_reset_link_works_but_is_stored_nowhere(victim, django_capture_on_commit_callbacks):
    link, secret = reset_asked(victim.email, django_capture_on_commit_callbacks)
    stored = OutgoingEmail.objects.get()
    assert (SECRET_MARK in stored.body, secret in stored.body) == (True, False)
    assert (stored.secret_kind, stored.secret_ref) == ("password_reset", str(victim.pk))
    assert stored_anywhere(secret) == []
    password_set_from(link)
    victim.refresh_from_db()
    assert victim.check_password(NEW_PASSWORD) is True


def test_a_confirmation_link_works_but_is_stored_nowhere(
    seeded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/accounts/signup/",
            {
                "email": "new@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "full_name": "New Person",
                "preferred_language": "en",
            },
        )
    assert response.status_code == 302
    link = CONFIRM_LINK.search(mail.outbox[0].body)
    address = EmailAddress.objects.get(email="new@example.org")
    stored = OutgoingEmail.objects.get()
    assert (stored.secret_kind, stored.secret_ref) == ("email_confirmation", str(address.pk))
    assert f"/accounts/confirm-email/{SECRET_MARK}/" in stored.body
    assert stored_anywhere(link.group(2)) == []
    assert Client().post(link.group(1)).status_code == 302
    address.refresh_from_db()
    assert address.verified is True


def roles(victim) -> dict[str, Client | None]:
    """A signed-in client for every role, and the anonymous visitor."""
    italy_focal = make_user("fp@example.org", full_name="Focal Point")
    staff = make_user("nadia@un.example.org", full_name="Nadia Staff", is_staff=True)
    staff.groups.add(Group.objects.get(name="Network staff"))
    manager = make_user("dan@un.example.org", full_name="Dan Manager", is_staff=True)
    manager.groups.add(*Group.objects.filter(name__in=["Network staff", "Network data managers"]))
    people = {
        "stakeholder": make_user("sofia@example.org", full_name="Sofia Stakeholder"),
        "focal point": italy_focal,
        "staff": staff,
        "data manager": manager,
        "superuser": make_user(
            "root@un.example.org", full_name="Root", is_staff=True, is_superuser=True
        ),
    }
    clients = {"anonymous": Client()}
    for role, person in people.items():
        clients[role] = Client()
        clients[role].force_login(person)
    return clients


def test_no_role_sees_another_persons_reset_link_anywhere(
    victim, django_capture_on_commit_callbacks
):
    clients = roles(victim)
    link, secret = reset_asked(victim.email, django_capture_on_commit_callbacks)
    stored = OutgoingEmail.objects.get()
    password_hash = victim.password.rsplit("$", 1)[-1]  # the admin shows only its first chars
    outbox = "/admin/gcm_review/outgoingemail/"
    pages = [
        outbox,
        f"{outbox}?q={victim.email}",
        f"{outbox}{stored.pk}/change/",
        f"{outbox}{stored.pk}/history/",
        f"/admin/registration/user/{victim.pk}/change/",
        "/admin/",
        "/staff/",
        "/staff/audit/",
        "/staff/registrations/",
        "/staff/inputs.csv",
        "/my/",
        "/my/data/",
        "/my/data.json",
    ]
    seen, outbox_readers = [], []
    for role, client in clients.items():
        for path in pages:
            response = client.get(path)
            content = b"".join(response) if response.streaming else response.content
            if any(text.encode() in content for text in (secret, link, password_hash)):
                seen.append(f"{role}: {path}")
        for export in EXPORTS:
            if client.get(export).status_code == 200:
                content = admin_export(client, export, "csv").content
                if secret.encode() in content:
                    seen.append(f"{role}: {export}")
        if client.get(outbox).status_code == 200:
            outbox_readers.append(role)
    assert seen == []
    assert outbox_readers == ["data manager", "superuser"]
    assert stored_anywhere(secret) == []
    # The data manager reads the outbox: the mail is there, its link is not.
    page = clients["data manager"].get(f"{outbox}{stored.pk}/change/").content.decode()
    assert (SECRET_MARK in page, victim.email in page) == (True, True)


def test_staff_cannot_take_over_a_data_manager_through_the_outbox(
    victim, staff_user, django_capture_on_commit_callbacks
):
    """The finding's attack, step by step: it stops at the outbox."""
    attacker = Client()
    attacker.force_login(staff_user)
    reset_asked(victim.email, django_capture_on_commit_callbacks)
    stored = OutgoingEmail.objects.get()
    assert attacker.get("/admin/gcm_review/outgoingemail/").status_code == 403
    assert attacker.get(f"/admin/gcm_review/outgoingemail/{stored.pk}/change/").status_code == 403
    victim.refresh_from_db()
    assert victim.check_password(PASSWORD) is True


def test_seeding_withdraws_the_outbox_from_staff_who_had_it(seeded):
    staff = Group.objects.get(name="Network staff")
    staff.permissions.add(Permission.objects.get(codename="view_outgoingemail"))
    staff_groups_ensure()
    readers = Group.objects.filter(permissions__codename="view_outgoingemail")
    assert list(readers.values_list("name", flat=True)) == ["Network data managers"]


def test_an_allauth_mail_with_a_code_the_outbox_cannot_remake_is_refused(seeded):
    user = User.objects.create_user(email="code@example.org", password=PASSWORD)
    with pytest.raises(ImproperlyConfigured):
        AccountAdapter().send_mail(
            "account/email/login_code", user.email, {"user": user, "code": "K7Q2XW"}
        )
    assert OutgoingEmail.objects.count() == 0
