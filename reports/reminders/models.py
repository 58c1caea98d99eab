"""Reminder rules (which window, how many days before, which audience) and what went out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .windows import AUDIENCES, WINDOWS


class ReminderRule(models.Model):
    window = models.CharField(
        _("deadline"), max_length=32, choices=[(key, w.label) for key, w in WINDOWS.items()]
    )
    audience = models.CharField(
        _("audience"), max_length=32, choices=[(key, a.label) for key, a in AUDIENCES.items()]
    )
    days_before = models.PositiveSmallIntegerField(_("days before"))
    optional = models.BooleanField(
        _("optional"),
        default=False,
        help_text=_("Optional reminders carry a link to stop receiving them."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ("window", "audience", "-days_before")
        constraints = [
            models.UniqueConstraint(
                fields=("window", "audience", "days_before"), name="reminder_rule_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_window_display()} · {self.get_audience_display()} · {self.days_before}"


class ReminderSent(models.Model):
    """One reminder to one person for one occurrence of a window: inserted before the mail is
    written, in the same transaction, so a second sender hits the constraint and sends nothing."""

    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="sent")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    occurrence = models.CharField(max_length=64)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=("rule", "user", "occurrence"), name="reminder_sent_once"
            )
        ]

    def __str__(self):
        return f"{self.rule} → {self.user_id} ({self.occurrence})"


class ReminderOptOut(models.Model):
    """A person who asked to stop the optional reminders of one deadline."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    window = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("user", "window"), name="reminder_opt_out_once")
        ]

    def __str__(self):
        return f"{self.user_id}: {self.window}"
