"""allauth hooks: its mails go through the outbox, in the recipient's preferred language.

The mails that carry a secret (a password-reset or an email-confirmation link) are stored
without it; the outbox makes it afresh when it sends them (gcm_review.mail_secrets). Any
other allauth mail whose context holds a key or code is refused rather than stored with it.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from gcm_review.mail_secrets import MailSecret
from gcm_review.outbox import email_enqueue, email_render
from registration.models import User

# allauth's mails that carry a secret, and the kind of secret the outbox makes again.
SECRET_MAILS = {
    "account/email/password_reset_key": "password_reset",
    "account/email/email_confirmation": "email_confirmation",
    "account/email/email_confirmation_signup": "email_confirmation",
}
SECRET_CONTEXT_KEYS = ("key", "code", "token")


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        language = self._language_for(email, context)
        mail = email_render(
            subject_template=f"{template_prefix}_subject.txt",
            body_template=f"{template_prefix}_message.txt",
            html_template=f"{template_prefix}_message.html",
            context={"email": email, "request": self.request, **context},
            language=language,
        )
        email_enqueue(
            to=email,
            subject=mail.subject,
            body=mail.body,
            html=mail.html,
            language=language,
            secret=self._secret_of(template_prefix, email, context),
        )

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # The mail may go to an address the person no longer has (an email change tells the old
        # one), which the language lookup by address would not find.
        super().send_notification_mail(
            template_prefix, user, {"user": user, **(context or {})}, email
        )

    @staticmethod
    def _secret_of(template_prefix: str, email: str, context: dict) -> MailSecret | None:
        kind = SECRET_MAILS.get(template_prefix)
        if kind is None:
            if any(context.get(key) for key in SECRET_CONTEXT_KEYS):
                raise ImproperlyConfigured(
                    f"{template_prefix} carries a secret the outbox cannot make again."
                )
            return None
        user = context["user"]
        if kind == "password_reset":
            ref = user.pk
        else:
            ref = EmailAddress.objects.get(user=user, email__iexact=email).pk
        return MailSecret(kind=kind, ref=str(ref), value=context["key"])

    @staticmethod
    def _language_for(email: str, context: dict) -> str:
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            return user.preferred_language
        return translation.get_language() or "en"
