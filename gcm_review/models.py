"""What every app shares: the one outbox every mail goes through, and the audit log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """A mail written in the same transaction as the change that causes it; a task sends it.

    A mail carrying a secret (a sign-in link) is stored without it: ``SECRET_MARK`` stands in
    its place, and ``secret_kind`` and ``secret_ref`` say how to make it again when the mail
    is sent (gcm_review.mail_secrets).
    """

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    secret_kind = models.CharField(_("secret made at sending"), max_length=32, blank=True)
    secret_ref = models.CharField(_("secret made for"), max_length=64, blank=True)

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


class AuditEntry(models.Model):
    """Who did what, when and from where: written by gcm_review.audit.audit_record only.

    Entries are never changed; the actor's address is copied so an entry still says who it was
    after the account is deleted.
    """

    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
        SIGN_OUT = "sign_out", _("Signed out")
        ROLE_CHANGE = "role_change", _("Role changed")
        FOCAL_POINT_DECISION = "focal_point_decision", _("Focal-point decision")
        ACCREDITATION_DECISION = "accreditation_decision", _("Accreditation decision")
        SELECTION_DECISION = "selection_decision", _("Speaker selection decision")
        PUBLICATION = "publication", _("Publication")
        EXPORT = "export", _("Export")
        IMPORT = "import", _("Import")
        PERSONAL_DATA_DOWNLOAD = "personal_data_download", _("Personal-data download")
        ACCOUNT_DELETION = "account_deletion", _("Account deleted")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_email = models.CharField(_("who (address)"), max_length=254, blank=True)
    action = models.CharField(_("what"), max_length=32, choices=Action.choices, db_index=True)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_label = models.CharField(_("object"), max_length=255, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("from (address)"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ("-at", "-pk")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.actor_email}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)
