"""The one outbox every mail of the portal goes through."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """A mail written in the same transaction as the change that causes it; a task sends it."""

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ("-created_at",)
        indexes = [
            models.Index(
                fields=("created_at",),
                condition=models.Q(sent_at__isnull=True),
                name="outbox_unsent",
            )
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"
