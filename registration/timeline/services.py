"""Making, replacing and revoking the secret address of a person's calendar feed."""

import hashlib
import secrets

from django.db import transaction

from registration.models import User

from .models import CalendarFeedToken


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_regenerate(*, user: User) -> str:
    """A new secret for ``user``'s feed; the old address stops working. Returns the secret,
    which is shown once and never stored."""
    token = secrets.token_urlsafe(32)
    CalendarFeedToken.objects.update_or_create(
        user=user, defaults={"token_hash": token_hash(token)}
    )
    return token


def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeedToken.objects.filter(user=user).delete()
