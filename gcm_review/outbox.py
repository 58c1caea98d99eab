"""Writing mails to the outbox and sending them.

A mail is stored in the transaction of the change that causes it; after commit a Celery task
sends it. If the broker is unreachable the row simply waits: the periodic
``outbox_retry_unsent`` task picks it up once Redis is back. A secret a mail carries is not
stored: it is made afresh when the mail is sent (gcm_review.mail_secrets).

Every mail's subject is rendered here (``subject_render``): plain text, no HTML escaping, on
one line, after the portal's name, and cut with an ellipsis to fit the outbox's column.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from email.headerregistry import Address
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, TemplateDoesNotExist, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .mail_secrets import MailSecret, secret_fill, secret_make, secret_redact
from .models import OutgoingEmail
from .site import site_url

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10
SUBJECT_MAX_LENGTH = OutgoingEmail._meta.get_field("subject").max_length


def email_enqueue(
    *,
    to: str,
    subject: str,
    body: str,
    html: str = "",
    language: str,
    secret: MailSecret | None = None,
) -> OutgoingEmail:
    """Store a mail and schedule its sending once the surrounding transaction commits.

    With ``secret``, every form of its value is replaced by the mark before anything is
    stored, and the mail remembers how to make the secret again at sending.
    """
    if secret is not None:
        subject, body, html = (secret_redact(text, secret) for text in (subject, body, html))
    email = OutgoingEmail.objects.create(
        to=to,
        subject=subject_fit(subject),
        body=body,
        html=html,
        language=language,
        secret_kind=secret.kind if secret else "",
        secret_ref=secret.ref if secret else "",
    )
    transaction.on_commit(lambda: _send_later(email.pk))
    return email


def email_render_and_enqueue(
    *, to: str, template: str, context: dict, language: str
) -> OutgoingEmail:
    """Render ``emails/<template>_subject.txt`` and ``_body.txt`` in ``language`` and enqueue."""
    mail = email_render(
        subject_template=f"emails/{template}_subject.txt",
        body_template=f"emails/{template}_body.txt",
        context=context,
        language=language,
    )
    return email_enqueue(to=to, subject=mail.subject, body=mail.body, language=language)


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    body: str
    html: str = ""


def email_render(
    *,
    subject_template: str,
    body_template: str,
    context: dict,
    language: str,
    html_template: str = "",
) -> RenderedMail:
    """Render a mail in ``language``: the subject as plain text, the body (and the HTML part,
    if ``html_template`` exists), with the portal's address and name in the context."""
    with translation.override(language):
        context = {"site_url": site_url(), "current_site": portal_site(), **context}
        html = ""
        if html_template:
            try:
                html = render_to_string(html_template, context).strip()
            except TemplateDoesNotExist:
                html = ""
        return RenderedMail(
            subject=subject_render(subject_template, context),
            body=render_to_string(body_template, context).strip(),
            html=html,
        )


def subject_render(template_name: str, context: dict) -> str:
    """A mail subject: the template rendered without HTML escaping, on one line, after the
    portal's name in the active language. A subject is plain text: ``&`` stays ``&``."""
    template = engines["django"].engine.get_template(template_name)
    text = template.render(Context(context, autoescape=False))
    return subject_with_site_name(" ".join(text.split()))


def subject_with_site_name(subject: str) -> str:
    """Every mail's subject starts with the portal's name, in the active language."""
    return f"[{translation.gettext('GCM Regional Review')}] {subject}"


def subject_fit(subject: str) -> str:
    """The subject on one line, cut with an ellipsis if it would not fit the column."""
    subject = " ".join(subject.split())
    if len(subject) <= SUBJECT_MAX_LENGTH:
        return subject
    return subject[: SUBJECT_MAX_LENGTH - 1].rstrip() + "…"


@dataclass(frozen=True)
class PortalSite:
    """What allauth's mails call ``current_site``: the portal's name and address."""

    name: str
    domain: str


def portal_site() -> PortalSite:
    """The portal as a site, its name in the active language (no Sites framework needed)."""
    return PortalSite(
        name=translation.gettext("GCM Regional Review"), domain=urlsplit(site_url()).netloc
    )


def sender(language: str) -> str:
    """``DEFAULT_FROM_EMAIL`` with its display name in ``language`` (when the catalogue has
    it, as it has the default name): the recipient reads who writes in their language."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if not name:
        return settings.DEFAULT_FROM_EMAIL
    with translation.override(language):
        name = translation.gettext(name)
    return str(Address(display_name=name, addr_spec=address))


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
        message = _message(email)
        if message is None:
            email.attempts = max(email.attempts, MAX_ATTEMPTS)
            email.last_error = "Not sent: what its link was for no longer exists."
            email.save(update_fields=["attempts", "last_error"])
            return False
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


def _message(email: OutgoingEmail) -> EmailMultiAlternatives | None:
    """The message to hand to the mail server, its secret (if any) made now; None if the
    secret can no longer be made."""
    subject, body, html = email.subject, email.body, email.html
    if email.secret_kind:
        value = secret_make(kind=email.secret_kind, ref=email.secret_ref)
        if value is None:
            return None
        subject, body, html = (secret_fill(text, value) for text in (subject, body, html))
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=[email.to], from_email=sender(email.language)
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


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
