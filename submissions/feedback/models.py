"""The feedback survey after the meeting, answered once by each approved participant.

Who was mailed (``FeedbackInvitation``) and who has answered (``FeedbackRespondent``) name the
person; the answers (``FeedbackResponse`` and its ``FeedbackSessionRating`` rows) name no one
and carry no time, and their keys are random, so the order of answering cannot re-link them.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sessions_app.models import Meeting, Session

COMMENT_MAX_CHARS = 3000


class Rating(models.IntegerChoices):
    VERY_POOR = 1, _("Very poor")
    POOR = 2, _("Poor")
    FAIR = 3, _("Fair")
    GOOD = 4, _("Good")
    EXCELLENT = 5, _("Excellent")


class FeedbackInvitation(models.Model):
    """The survey mail sent to one participant; the constraint makes it once per meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback survey invitation")
        verbose_name_plural = _("feedback survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=("meeting", "user"), name="feedback_invitation_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.sent_at:%Y-%m-%d}"


class FeedbackRespondent(models.Model):
    """That a person has answered: neither what nor when, so answers stay anonymous."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("feedback survey respondent")
        verbose_name_plural = _("feedback survey respondents")
        constraints = [
            models.UniqueConstraint(
                fields=("meeting", "user"), name="feedback_answered_once_per_person"
            )
        ]

    def __str__(self):
        return str(self.user)


def _rating(label, **options):
    return models.PositiveSmallIntegerField(label, choices=Rating.choices, **options)


class FeedbackResponse(models.Model):
    """One participant's answers, linked to no person and carrying no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    attended_online = models.BooleanField(_("attended online"), default=False)
    overall = _rating(_("overall"))
    accessibility = _rating(_("accessibility"), null=True, blank=True)
    interpretation = _rating(_("interpretation"), null=True, blank=True)
    online_experience = _rating(_("online experience"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_CHARS, blank=True)

    class Meta:
        verbose_name = _("feedback survey response")
        verbose_name_plural = _("feedback survey responses")
        ordering = ("id",)  # random: the order says nothing of when

    def __str__(self):
        return f"{self.get_overall_display()} ({self.pk})"


class FeedbackSessionRating(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        FeedbackResponse, on_delete=models.CASCADE, related_name="session_ratings"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    rating = _rating(_("rating"))

    class Meta:
        verbose_name = _("session rating")
        verbose_name_plural = _("session ratings")
        constraints = [
            models.UniqueConstraint(
                fields=("response", "session"), name="feedback_one_rating_per_session"
            )
        ]

    def __str__(self):
        return f"{self.session}: {self.rating}"
