"""allauth hooks: its mails go through the outbox, in the recipient's preferred language."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from gcm_review.outbox import email_enqueue, subject_with_site_name

from .models import User


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return subject_with_site_name(subject)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        language = self._language_for(email, context)
        with translation.override(language):
            message = self.render_mail(
                template_prefix, email, {"email": email, "request": self.request, **context}
            )
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        email_enqueue(
            to=email, subject=message.subject, body=message.body, html=html, language=language
        )

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # The mail may go to an address the person no longer has (an email change tells the old
        # one), which the language lookup by address would not find.
        super().send_notification_mail(
            template_prefix, user, {"user": user, **(context or {})}, email
        )

    @staticmethod
    def _language_for(email: str, context: dict) -> str:
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            return user.preferred_language
        return translation.get_language() or "en"
