"""A window of a meeting (a call, a period to propose) whose empty dates default from the meeting.

Mixed into a model with ``meeting``, ``opens_at`` and ``closes_at``; the model names its
defaults as ``DEFAULT_OPENS`` / ``DEFAULT_CLOSES`` (days from the meeting date, local time).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MeetingWindow:
    DEFAULT_OPENS: tuple[int, datetime.time]
    DEFAULT_CLOSES: tuple[int, datetime.time]

    def save(self, *args, **kwargs):
        self.defaults_fill()
        super().save(*args, **kwargs)

    def clean(self):
        self.defaults_fill()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})

    def defaults_fill(self) -> None:
        """Empty dates take their default, derived from the meeting date."""
        if self.meeting_id is None:
            return
        if self.opens_at is None:
            self.opens_at = self.meeting.at(*self.DEFAULT_OPENS)
        if self.closes_at is None:
            self.closes_at = self.meeting.at(*self.DEFAULT_CLOSES)

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        return self.opens_at <= (now or timezone.now()) <= self.closes_at

    def has_opened(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.opens_at
