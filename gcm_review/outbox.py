"""Writing mails to the outbox and sending them.

A mail is stored in the transaction of the change that causes it; after commit a Celery task
sends it. If the broker is unreachable the row simply waits: the periodic
``outbox_retry_unsent`` task picks it up once Redis is back.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingEmail
from .site import site_url

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10


def email_enqueue(
    *, to: str, subject: str, body: str, html: str = "", language: str
) -> OutgoingEmail:
    """Store a mail and schedule its sending once the surrounding transaction commits."""
    email = OutgoingEmail.objects.create(
        to=to, subject=" ".join(subject.split()), body=body, html=html, language=language
    )
    transaction.on_commit(lambda: _send_later(email.pk))
    return email


def email_render_and_enqueue(
    *, to: str, template: str, context: dict, language: str
) -> OutgoingEmail:
    """Render ``emails/<template>_subject.txt`` and ``_body.txt`` in ``language`` and enqueue."""
    with translation.override(language):
        context = {"site_url": site_url(), **context}
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/{template}_body.txt", context).strip()
        subject = subject_with_site_name(subject)
    return email_enqueue(to=to, subject=subject, body=body, language=language)


def subject_with_site_name(subject: str) -> str:
    """Every mail's subject starts with the portal's name, in the active language."""
    return f"[{translation.gettext('GCM Regional Review')}] {subject}"


def _send_later(email_id: int) -> None:
    from .tasks import outbox_send

    try:
        outbox_send.apply_async(args=[email_id], retry=False)
    except Exception:  # noqa: BLE001 - any broker failure: the periodic retry sends it later
        logger.warning("Broker unreachable; outgoing email %s waits for the retry task", email_id)


def email_send(*, email_id: int) -> bool:
    """Send one stored mail unless it was sent already; True when it went out now."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, sent_at__isnull=True)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.body,
            to=[email.to],
            from_email=settings.DEFAULT_FROM_EMAIL,
        )
        if email.html:
            message.attach_alternative(email.html, "text/html")
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 - recorded, retried by the periodic task
            email.last_error = str(error)[:1000]
            email.save(update_fields=["attempts", "last_error"])
            return False
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "sent_at", "last_error"])
        return True


def emails_unsent(*, older_than: timedelta = timedelta(seconds=30)) -> list[int]:
    """Ids of mails still waiting, oldest first, that have not used up their attempts."""
    cutoff = timezone.now() - older_than
    return list(
        OutgoingEmail.objects.filter(
            sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, created_at__lte=cutoff
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
