"""Stakeholder voices: what the region says besides the written inputs.

- ``Consultation`` (the two Multi-stakeholder Consultations), the stakeholders registered for
  them (``ConsultationRegistration``) and what came out of each (``KeyMessage``: key messages
  and priority areas, each tagged with GCM objectives and a thematic session);
- ``RapporteurSummary``: the Rapporteur's summary of the consultations and the Hearing;
- ``SessionPoint``: what was said in a session of the meeting itself (key points, challenges,
  good practices, recommendations), with its objectives and who raised it;
- ``GCMTalk``: the outcome of one GCM Talk;
- the Discussion Space (``discussion/models.py``, imported here).

The models live in the ``submissions`` app (``submissions/models.py`` imports them).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcm_review.i18n import trilingual
from registration.models import MemberState, StakeholderCategory
from sessions_app.models import GCMObjective, Meeting, Session

# The Discussion Space's models, exported with these (app label ``submissions``).
from .discussion.models import POST_MAX_CHARS, DiscussionFlag, DiscussionPost, DiscussionThread

__all__ = [
    "POST_MAX_CHARS",
    "Consultation",
    "ConsultationRegistration",
    "DiscussionFlag",
    "DiscussionPost",
    "DiscussionThread",
    "GCMTalk",
    "KeyMessage",
    "RapporteurSummary",
    "SessionPoint",
]

RECORD_MAX_CHARS = 4_000
REASON_MAX_CHARS = 2_000


def _sanitised(html: str) -> str:
    from gcm_review.text import html_sanitise

    return html_sanitise(html)


# Multi-stakeholder Consultations ------------------------------------------------------------


class Consultation(models.Model):
    """One of the Multi-stakeholder Consultations held before the meeting; staff create it."""

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="consultations", verbose_name=_("meeting")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title, title_fr, title_ru = trilingual(models.CharField, _("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    location = models.CharField(
        _("where"),
        max_length=200,
        blank=True,
        help_text=_("Shown to everyone: the venue, or the platform of an online consultation."),
    )
    joining_details = models.TextField(
        _("joining details"),
        blank=True,
        help_text=_("Shown only to registered stakeholders and sent in their confirmation."),
    )
    agenda, agenda_fr, agenda_ru = trilingual(
        models.TextField, _("agenda"), blank=True, help_text=_("Simple HTML: paragraphs, lists.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("Multi-stakeholder Consultation")
        verbose_name_plural = _("Multi-stakeholder Consultations")
        ordering = ("meeting", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("meeting", "number"), name="consultation_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="consultation_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs):
        for field in ("agenda", "agenda_fr", "agenda_ru"):
            setattr(self, field, _sanitised(getattr(self, field)))
        super().save(*args, **kwargs)

    def has_started(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at


class ConsultationRegistration(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("consultation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultation_registrations",
        verbose_name=_("stakeholder"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation registration")
        verbose_name_plural = _("consultation registrations")
        ordering = ("consultation", "created_at")
        constraints = [
            models.UniqueConstraint(
                fields=("consultation", "user"), name="consultation_registration_once"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.consultation}"


class KeyMessage(models.Model):
    """A key message or priority area that came out of a consultation."""

    class Kind(models.TextChoices):
        KEY_MESSAGE = "key_message", _("Key message")
        PRIORITY_AREA = "priority_area", _("Priority area")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="key_messages",
        verbose_name=_("consultation"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("text"))
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        related_name="key_messages",
        limit_choices_to={"kind": Session.Kind.THEMATIC},
        verbose_name=_("thematic session"),
    )
    objectives = models.ManyToManyField(
        GCMObjective, related_name="key_messages", verbose_name=_("GCM objectives")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("key message")
        verbose_name_plural = _("key messages")
        ordering = ("consultation", "kind", "created_at", "pk")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class RapporteurSummary(models.Model):
    """The Rapporteur's summary of the consultations and the Hearing; staff publish it."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("summary", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("summary", "Submitted")
        PUBLISHED = "published", pgettext_lazy("summary", "Published")

    class Language(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")
        RU = "ru", _("Russian")

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="rapporteur_summary"
    )
    body = models.TextField(_("summary"), blank=True, help_text=_("Sanitised HTML."))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    staff_comment = models.TextField(_("comment from Network staff"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Rapporteur's summary")
        verbose_name_plural = _("Rapporteur's summaries")

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        self.body = _sanitised(self.body)
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


# The meeting itself -------------------------------------------------------------------------


class SessionPoint(models.Model):
    """Something said in a session of the meeting, recorded on the day by staff or the
    Rapporteur, with the objectives it concerns and the State or stakeholder category that
    raised it (exactly one of the two)."""

    class Kind(models.TextChoices):
        KEY_POINT = "key_point", _("Key point")
        CHALLENGE = "challenge", _("Challenge raised")
        GOOD_PRACTICE = "good_practice", _("Good practice")
        RECOMMENDATION = "recommendation", _("Recommendation")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="recorded_points", verbose_name=_("session")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("text"))
    objectives = models.ManyToManyField(
        GCMObjective, related_name="session_points", verbose_name=_("GCM objectives")
    )
    raised_by_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by a Member State"),
    )
    raised_by_category = models.ForeignKey(
        StakeholderCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by a stakeholder category"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("session record")
        verbose_name_plural = _("session records")
        ordering = ("session", "kind", "created_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(raised_by_state__isnull=False, raised_by_category__isnull=True)
                | models.Q(raised_by_state__isnull=True, raised_by_category__isnull=False),
                name="session_point_raised_by_one",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def raised_by(self):
        return self.raised_by_state or self.raised_by_category


class GCMTalk(models.Model):
    """The outcome of a GCM Talk, as staff record it."""

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="gcm_talks", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("date"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    organiser = models.CharField(_("organised by"), max_length=200, blank=True)
    summary = models.TextField(
        _("summary of the outcome"), help_text=_("Simple HTML: paragraphs, lists, links.")
    )
    objectives = models.ManyToManyField(
        GCMObjective, related_name="gcm_talks", blank=True, verbose_name=_("GCM objectives")
    )
    link = models.URLField(_("link to the outcome"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("GCM Talk")
        verbose_name_plural = _("GCM Talks")
        ordering = ("-held_on", "pk")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.summary = _sanitised(self.summary)
        super().save(*args, **kwargs)
