"""Side events: organisations propose them while the call is open, Network staff approve.

``SideEventCall`` is the window for proposals (one per meeting, defaults derived from the
meeting date); ``SideEvent`` a proposal and, once approved, an entry of the side-events
calendar; ``SideEventSignUp`` a person's seat at a side event with in-portal sign-up. The
models belong to the ``registration`` app (``registration/models.py`` imports them).
"""

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registration.accounts.models import User
from sessions_app.windows import MeetingWindow

TITLE_MAX_CHARS = 200
ORGANISERS_MAX_CHARS = 300
DESCRIPTION_MAX_CHARS = 5000
REASON_MAX_CHARS = 2000
SEATS_MAX = 2000


class SideEventCall(MeetingWindow, models.Model):
    """When organisations may propose side events; staff move it in the admin."""

    # (days from the meeting day, local time) of the default opening and closing.
    DEFAULT_OPENS = (-60, datetime.time(9, 0))
    DEFAULT_CLOSES = (-14, datetime.time(23, 59))

    meeting = models.OneToOneField(
        "sessions_app.Meeting",
        on_delete=models.CASCADE,
        related_name="side_event_call",
        verbose_name=_("meeting"),
    )
    opens_at = models.DateTimeField(
        _("opens at"),
        blank=True,
        help_text=_("Leave empty for the default: 60 days before the meeting."),
    )
    closes_at = models.DateTimeField(
        _("closes at"),
        blank=True,
        help_text=_("Leave empty for the default: 14 days before the meeting."),
    )

    class Meta:
        verbose_name = _("call for side events")
        verbose_name_plural = _("calls for side events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="side_event_call_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.meeting.slug})"


class SideEvent(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("side event", "Waiting for a decision")
        APPROVED = "approved", pgettext_lazy("side event", "Approved")
        DECLINED = "declined", pgettext_lazy("side event", "Declined")

    class Venue(models.TextChoices):
        ROOM = "room", _("In a room")
        ONLINE = "online", _("Online")

    class SignUp(models.TextChoices):
        LINK = "link", _("On the organisers' registration page")
        PORTAL = "portal", _("In this portal, with a seat limit")

    meeting = models.ForeignKey(
        "sessions_app.Meeting", on_delete=models.CASCADE, related_name="side_events"
    )
    proposer = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="side_events",
        verbose_name=_("proposed by"),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_CHARS)
    organisers = models.CharField(_("organisers"), max_length=ORGANISERS_MAX_CHARS)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("where"), max_length=8, choices=Venue.choices)
    room = models.CharField(_("room"), max_length=200, blank=True)
    online_url = models.URLField(_("link to join online"), blank=True)
    description = models.TextField(_("description"))
    sign_up = models.CharField(_("sign-up"), max_length=8, choices=SignUp.choices)
    registration_url = models.URLField(_("registration page"), blank=True)
    seats = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decision_reason = models.TextField(_("reason given to the proposer"), blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("side event")
        verbose_name_plural = _("side events")
        ordering = ("starts_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="side_event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(sign_up="portal") | models.Q(seats__gt=0),
                name="side_event_portal_sign_up_has_seats",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        from gcm_review.text import html_sanitise

        self.description = html_sanitise(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("side_events:list") + f"#side-event-{self.pk}"

    @property
    def uid(self) -> str:
        """The calendar's UID: it never changes, whatever staff or organisers edit."""
        return f"{self.meeting.slug}-side-event-{self.pk}@gcm-regional-review"

    @property
    def is_portal_sign_up(self) -> bool:
        return self.sign_up == self.SignUp.PORTAL


class SideEventSignUp(models.Model):
    """A seat at a side event with in-portal sign-up; cancelling deletes it, freeing the seat."""

    side_event = models.ForeignKey(SideEvent, on_delete=models.CASCADE, related_name="sign_ups")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="side_event_sign_ups")
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)

    class Meta:
        verbose_name = _("side event sign-up")
        verbose_name_plural = _("side event sign-ups")
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("side_event", "user"), name="side_event_sign_up_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.side_event}"
