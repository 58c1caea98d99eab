"""Secrets in mail (password-reset and email-confirmation links) are never stored.

A mail that carries one is written to the outbox with ``SECRET_MARK`` where the secret goes,
and the kind and id of what the secret is made from (the account, the email address). The
secret itself is made afresh at each attempt to send, in the process that sends, and lives
only in the message handed to the mail server: not in the database, not in the Celery
message (which carries the mail's id), not in the admin or the personal-data export.

So a mail that waits (Redis or the mail server down) goes out once they are back, with a
link as good as a new one: a reset link counts its validity from the sending, and a link
made before a password change is not the one sent after it. When what the secret is made
from is gone (the account deactivated or deleted, the address removed) the mail is not sent.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.contrib.auth import get_user_model

SECRET_MARK = "⟦hidden⟧"


@dataclass(frozen=True)
class MailSecret:
    """The secret a mail carries as rendered (never stored) and how to make it again."""

    kind: str
    ref: str
    value: str

    def __post_init__(self):
        if self.kind not in SECRET_MAKERS:
            raise ValueError(f"No way to make a {self.kind!r} secret at send time.")
        if len(self.value) < 8:
            raise ValueError("A secret this short would also hide ordinary text.")


def secret_redact(text: str, secret: MailSecret) -> str:
    """``text`` with every form of the secret (as is, URL-quoted) replaced by the mark."""
    for form in {secret.value, quote(secret.value, safe="")}:
        text = text.replace(form, SECRET_MARK)
    return text


def secret_fill(text: str, value: str) -> str:
    return text.replace(SECRET_MARK, value)


def secret_make(*, kind: str, ref: str) -> str | None:
    """A fresh secret of ``kind`` for the object ``ref``; None when that object is gone."""
    return SECRET_MAKERS[kind](ref)


def _password_reset_token(ref: str) -> str | None:
    from allauth.account import app_settings

    user = get_user_model().objects.filter(pk=ref, is_active=True).first()
    if user is None:
        return None
    return app_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)


def _email_confirmation_key(ref: str) -> str | None:
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    address = EmailAddress.objects.filter(pk=ref).first()
    return None if address is None else EmailConfirmationHMAC(address).key


SECRET_MAKERS: dict[str, Callable[[str], str | None]] = {
    "password_reset": _password_reset_token,
    "email_confirmation": _email_confirmation_key,
}
