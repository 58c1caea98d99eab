"""The Discussion Space: ``DiscussionThread`` (one per guiding question and per thematic
session), ``DiscussionPost`` (pre-moderated, replies one level deep) and ``DiscussionFlag``.

The models live in the ``submissions`` app (``submissions/voices/models.py`` imports them).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sessions_app.models import GuidingQuestion, Meeting, Session

__all__ = ["POST_MAX_CHARS", "DiscussionFlag", "DiscussionPost", "DiscussionThread"]

POST_MAX_CHARS = 5_000


class DiscussionThread(models.Model):
    """A thread of the Discussion Space: on one guiding question or one thematic session."""

    # (days from the meeting day, local time) of the default opening and closing.
    DEFAULT_OPENS = (-56, datetime.time(9, 0))
    DEFAULT_CLOSES = (7, datetime.time(23, 59))

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="discussion_threads"
    )
    slug = models.SlugField(_("slug"))
    question = models.ForeignKey(
        GuidingQuestion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="discussion_threads",
        verbose_name=_("guiding question"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="discussion_threads",
        limit_choices_to={"kind": Session.Kind.THEMATIC},
        verbose_name=_("thematic session"),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))

    class Meta:
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")
        ordering = ("meeting", "slug")
        constraints = [
            models.UniqueConstraint(fields=("meeting", "slug"), name="thread_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(question__isnull=False, session__isnull=True)
                | models.Q(question__isnull=True, session__isnull=False),
                name="thread_on_a_question_or_a_session",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="thread_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return self.slug

    @property
    def title(self) -> str:
        """ "Guiding question (a)" or the thematic session's title, in the page language."""
        from gcm_review.i18n import localized

        if self.question_id:
            return str(_("Guiding question (%(letter)s)") % {"letter": self.question.letter})
        return localized(self.session, "title")

    @classmethod
    def default_window(cls, meeting: Meeting) -> tuple[datetime.datetime, datetime.datetime]:
        return meeting.at(*cls.DEFAULT_OPENS), meeting.at(*cls.DEFAULT_CLOSES)

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_opened(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.opens_at


class DiscussionPost(models.Model):
    """A post or a reply (one level deep); pre-moderated: public only once staff approve it."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("post", "Awaiting moderation")
        APPROVED = "approved", pgettext_lazy("post", "Published")
        REJECTED = "rejected", pgettext_lazy("post", "Rejected")

    class Language(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")
        RU = "ru", _("Russian")

    thread = models.ForeignKey(
        DiscussionThread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discussion_posts",
        verbose_name=_("author"),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        verbose_name = _("discussion post")
        verbose_name_plural = _("discussion posts")
        ordering = ("created_at", "pk")
        indexes = [
            models.Index(fields=("author", "created_at"), name="post_author_recent"),
            models.Index(fields=("thread", "status"), name="post_thread_status"),
        ]

    def __str__(self):
        return f"{self.thread} #{self.pk} ({self.get_status_display()})"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None

    @property
    def author_name(self) -> str:
        """The name shown with the post; never the email address."""
        if self.author is None:
            return str(_("Former participant"))
        return self.author.full_name or str(_("A participant"))

    @property
    def author_affiliation(self) -> str:
        """The author's verified Member State or stakeholder category, in the page language."""
        from gcm_review.i18n import localized

        if self.author is None:
            return ""
        state = self.author.verified_member_state
        if state is not None:
            return localized(state, "name")
        category = self.author.stakeholder_category
        return localized(category, "label") if category else ""


class DiscussionFlag(models.Model):
    """Someone signed in thinks a published post needs another look by staff."""

    post = models.ForeignKey(
        DiscussionPost, on_delete=models.CASCADE, related_name="flags", verbose_name=_("post")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="discussion_flags",
        verbose_name=_("flagged by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("flagged at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(fields=("post", "user"), name="flag_once_per_person")
        ]

    def __str__(self):
        return f"{self.post} ⚑ {self.user}"
