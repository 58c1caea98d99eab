"""A State asks Network staff for more time to write its input: ``ExtensionRequest``.

Staff grant it (which sets the State's ``DeadlineExtension``) or decline it, saying why.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registration.models import MemberState
from sessions_app.models import Meeting

REASON_MAX_CHARS = 2000


class ExtensionRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ExtensionRequest.Status.PENDING)


class ExtensionRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("extension request", "Waiting for a decision")
        GRANTED = "granted", pgettext_lazy("extension request", "Granted")
        DECLINED = "declined", pgettext_lazy("extension request", "Declined")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="extension_requests"
    )
    member_state = models.ForeignKey(MemberState, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=REASON_MAX_CHARS)
    until_wished = models.DateField(_("date wished"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    granted_until = models.DateTimeField(_("extended until"), null=True, blank=True)
    staff_comment = models.TextField(_("comment from Network staff"), blank=True)

    objects = ExtensionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=("meeting", "member_state"),
                condition=models.Q(status="pending"),
                name="extension_request_one_pending_per_state",
            )
        ]

    def __str__(self):
        return f"{self.member_state} → {self.until_wished:%Y-%m-%d} ({self.status})"
