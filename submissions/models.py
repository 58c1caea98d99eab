"""What the region writes: the Annex 1 written inputs of member states.

One ``Submission`` per member state and meeting, shared by the state's verified focal points;
one ``Answer`` per guiding question; ``CooperationNeed`` rows say, for question (e), in which
areas the region would benefit from strengthened cooperation and on which objectives.
Every change leaves a ``Revision`` with a snapshot, so staff can compare versions.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registration.models import MemberState
from sessions_app.models import GCMObjective, GuidingQuestion, Meeting

ANSWER_MAX_CHARS = 12_000
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
ATTACHMENTS_MAX = 5


class Submission(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("submission", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("submission", "Submitted")
        RETURNED = "returned", pgettext_lazy("submission", "Returned for changes")
        PUBLISHED = "published", pgettext_lazy("submission", "Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("submission", "Withdrawn")

    class Language(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")
        RU = "ru", _("Russian")
        OTHER = "other", _("Another language")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="submissions")
    member_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="submissions"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    language = models.CharField(
        _("language of the answers"), max_length=5, choices=Language.choices, default="en"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    staff_comment = models.TextField(_("comment from Network staff"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("written input")
        verbose_name_plural = _("written inputs")
        ordering = ("member_state__name",)
        constraints = [
            models.UniqueConstraint(
                fields=("meeting", "member_state"), name="submission_one_per_state"
            )
        ]
        permissions = [("export_answer", "Can export answers")]

    def __str__(self):
        return f"{self.member_state} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("submissions:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Answer(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(GuidingQuestion, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("answer"), blank=True, help_text=_("Sanitised HTML."))
    text_plain = models.TextField(_("answer as plain text"), blank=True, editable=False)
    objectives = models.ManyToManyField(
        GCMObjective, blank=True, related_name="answers", verbose_name=_("GCM objectives")
    )
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ("question__letter",)
        constraints = [
            models.UniqueConstraint(
                fields=("submission", "question"), name="answer_one_per_question"
            )
        ]

    def __str__(self):
        return f"{self.submission.member_state} ({self.question.letter})"


class CooperationNeed(models.Model):
    """Question (e): an area where the region would benefit from strengthened cooperation."""

    class Area(models.TextChoices):
        FINANCE = "finance", _("Finance")
        CAPACITY_BUILDING = "capacity_building", _("Capacity-building")
        POLICY_ADVICE = "policy_advice", _("Policy advice")
        DATA = "data", _("Data gathering and analysis")
        TECHNOLOGY = "technology", _("Technology")
        PARTNERSHIPS = "partnerships", _("Multi-stakeholder partnerships")

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="cooperation_needs"
    )
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    objectives = models.ManyToManyField(
        GCMObjective, blank=True, related_name="cooperation_needs", verbose_name=_("objectives")
    )

    class Meta:
        verbose_name = _("area for strengthened cooperation")
        verbose_name_plural = _("areas for strengthened cooperation")
        ordering = ("area",)
        constraints = [
            models.UniqueConstraint(fields=("submission", "area"), name="cooperation_area_once")
        ]

    def __str__(self):
        return self.get_area_display()


def attachment_path(attachment, filename):
    return f"submissions/{attachment.submission_id}/{attachment.kind}/{filename}"


class Attachment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("type"), max_length=5)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ("uploaded_at", "pk")

    def __str__(self):
        return self.name


class Revision(models.Model):
    """A snapshot of the whole input after a change: who, when, what."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Saved")
        ATTACHED = "attached", _("Attachment added")
        DETACHED = "detached", _("Attachment removed")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REOPENED = "reopened", _("Reopened as a draft")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    snapshot = models.JSONField(_("snapshot"))

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ("submission", "number")
        constraints = [
            models.UniqueConstraint(fields=("submission", "number"), name="revision_number_once")
        ]

    def __str__(self):
        return f"{self.submission} #{self.number}"


class DeadlineExtension(models.Model):
    """Staff let one state submit after the written-inputs deadline, until ``until``."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    member_state = models.ForeignKey(MemberState, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField(_("until"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now=True)

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        constraints = [
            models.UniqueConstraint(
                fields=("meeting", "member_state"), name="extension_one_per_state"
            )
        ]

    def __str__(self):
        return f"{self.member_state} → {self.until:%Y-%m-%d %H:%M}"


from .extensions.models import ExtensionRequest  # noqa: E402,F401
from .feedback.models import (  # noqa: E402,F401
    FeedbackInvitation,
    FeedbackRespondent,
    FeedbackResponse,
    FeedbackSessionRating,
)
from .voices.models import *  # noqa: E402,F401,F403
