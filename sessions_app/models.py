"""The meeting and its reference data: sessions, GCM objectives, principles, questions, documents.

Fields that users read in their own language come in three columns: the English one
(``title``) and ``title_fr`` / ``title_ru``; ``gcm_review.i18n.localized`` picks the one
for the active language and falls back to English.
"""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_review.i18n import trilingual

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


class MeetingQuerySet(models.QuerySet):
    def current(self):
        """The meeting the portal serves: the one marked current, else the latest."""
        return self.order_by("-is_current", "-date").first()


class Meeting(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name, name_fr, name_ru = trilingual(models.CharField, _("name"), max_length=200)
    date = models.DateField(_("date"))
    venue, venue_fr, venue_ru = trilingual(models.CharField, _("venue"), max_length=200)
    city, city_fr, city_ru = trilingual(models.CharField, _("city"), max_length=100)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Zurich")
    contact_email = models.EmailField(_("contact email"), blank=True)
    webpage = models.URLField(_("web page"), blank=True)
    is_current = models.BooleanField(_("current meeting"), default=True)
    demo_windows_until = models.DateTimeField(
        _("demo windows open until"),
        null=True,
        blank=True,
        help_text=_(
            "Set by `seed --demo`, which opens the windows so newcomers can try every journey; "
            "staff see a note while it is set."
        ),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ("-date",)

    def __str__(self):
        return f"{self.name} ({self.date:%d %B %Y})"

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.timezone)

    def at(self, day_offset: int, time: datetime.time) -> datetime.datetime:
        """An aware moment ``day_offset`` days from the meeting day, in the meeting's zone."""
        day = self.date + datetime.timedelta(days=day_offset)
        return datetime.datetime.combine(day, time, tzinfo=self.tzinfo)


class KeyDate(models.Model):
    """A date-bound moment of the meeting that staff may move; defaults derive from the date."""

    class Kind(models.TextChoices):
        REGISTRATION_OPENS = "registration_opens", _("Registration opens")
        WRITTEN_INPUTS_DUE = "written_inputs_due", _("Written inputs due")
        REGISTRATION_CLOSES = "registration_closes", _("Registration closes")
        MEETING = "meeting", _("Regional Review Meeting")
        REPORT_DUE = "report_due", _("Summary report due to Member States")
        FEEDBACK_OPENS = "feedback_opens", _("Feedback survey opens")
        FEEDBACK_CLOSES = "feedback_closes", _("Feedback survey closes")

    # kind -> (days from the meeting day, local time)
    DEFAULTS = {
        Kind.REGISTRATION_OPENS: (-70, datetime.time(9, 0)),
        Kind.WRITTEN_INPUTS_DUE: (-7, datetime.time(23, 59)),
        Kind.REGISTRATION_CLOSES: (-4, datetime.time(23, 59)),
        Kind.MEETING: (0, datetime.time(8, 30)),
        Kind.REPORT_DUE: (30, datetime.time(23, 59)),
        Kind.FEEDBACK_OPENS: (1, datetime.time(9, 0)),
        Kind.FEEDBACK_CLOSES: (15, datetime.time(23, 59)),
    }

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="key_dates")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    at = models.DateTimeField(_("date and time"))

    class Meta:
        verbose_name = _("key date")
        verbose_name_plural = _("key dates")
        ordering = ("at",)
        constraints = [
            models.UniqueConstraint(fields=("meeting", "kind"), name="key_date_unique_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def default_for(cls, meeting: Meeting, kind: str) -> datetime.datetime:
        days, time = cls.DEFAULTS[kind]
        return meeting.at(days, time)


class GCMObjective(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title, title_fr, title_ru = trilingual(models.CharField, _("title"), max_length=300)
    short_label, short_label_fr, short_label_ru = trilingual(
        models.CharField, _("short label"), max_length=100
    )
    gcm_paragraph = models.PositiveSmallIntegerField(_("paragraph of the GCM"))

    class Meta:
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")
        ordering = ("number",)

    def __str__(self):
        return f"{self.number}. {self.title}"


class GuidingPrinciple(models.Model):
    key = models.SlugField(_("key"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    title, title_fr, title_ru = trilingual(models.CharField, _("title"), max_length=200)
    description, description_fr, description_ru = trilingual(models.TextField, _("description"))
    gcm_paragraph = models.CharField(_("paragraph of the GCM"), max_length=10)

    class Meta:
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")
        ordering = ("order",)

    def __str__(self):
        return self.title


class Session(models.Model):
    class Kind(models.TextChoices):
        HEARING = "hearing", _("Multi-stakeholder Hearing")
        OPENING = "opening", _("Opening segment")
        THEMATIC = "thematic", _("Thematic session")
        PANEL = "panel", _("High-level Panel")
        CLOSING = "closing", _("Closing segment")

    class Part(models.TextChoices):
        HEARING = "hearing", _("Multi-stakeholder Hearing")
        CONFERENCE = "conference", _("Intergovernmental Conference")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    slug = models.SlugField(_("slug"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("thematic session number"), null=True, blank=True)
    title, title_fr, title_ru = trilingual(models.CharField, _("title"), max_length=200)
    summary, summary_fr, summary_ru = trilingual(models.TextField, _("summary"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    objectives = models.ManyToManyField(
        GCMObjective, related_name="sessions", blank=True, verbose_name=_("GCM objectives")
    )
    room, room_fr, room_ru = trilingual(models.CharField, _("room"), max_length=100, blank=True)
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("The next programme release shows the session as cancelled."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ("starts_at", "number")
        constraints = [
            models.UniqueConstraint(fields=("meeting", "slug"), name="session_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sessions_app:session", kwargs={"slug": self.slug})

    @property
    def part(self) -> str:
        return self.Part.HEARING if self.kind == self.Kind.HEARING else self.Part.CONFERENCE

    @property
    def part_label(self) -> str:
        """The part of the meeting in the active language ("Intergovernmental Conference")."""
        return self.Part(self.part).label

    @property
    def is_thematic(self) -> bool:
        return self.kind == self.Kind.THEMATIC


class GuidingQuestion(models.Model):
    """One of the Annex 1 guiding questions Member States answer in writing."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guiding_questions")
    letter = models.CharField(_("letter"), max_length=1)
    text, text_fr, text_ru = trilingual(models.TextField, _("text"))

    class Meta:
        verbose_name = _("guiding question")
        verbose_name_plural = _("guiding questions")
        ordering = ("letter",)
        constraints = [
            models.UniqueConstraint(fields=("meeting", "letter"), name="question_unique_letter")
        ]

    def __str__(self):
        return f"({self.letter}) {self.text[:60]}"


class Document(models.Model):
    class Kind(models.TextChoices):
        REFERENCE = "reference", _("Reference document")
        MEETING = "meeting", _("Meeting document")
        BACKGROUND_NOTE = "background_note", _("Background note")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    symbol = models.CharField(_("document symbol"), max_length=50, blank=True)
    title, title_fr, title_ru = trilingual(models.CharField, _("title"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(
        _("PDF file"),
        upload_to="documents/",
        blank=True,
        help_text=_("A PDF of at most 10 MB, instead of or besides a link."),
    )
    body, body_fr, body_ru = trilingual(
        models.TextField,
        _("text"),
        blank=True,
        help_text=_(
            "For a background note: a short text shown on the session's page. Simple HTML: "
            "paragraphs, lists, emphasis, links."
        ),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="documents",
        null=True,
        blank=True,
        verbose_name=_("session"),
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ("order", "pk")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        from gcm_review.text import html_sanitise

        for field in ("body", "body_fr", "body_ru"):
            setattr(self, field, html_sanitise(getattr(self, field)))
        super().save(*args, **kwargs)

    def clean(self):
        from gcm_review.text import html_sanitise

        if not (self.url or self.file or html_sanitise(self.body)):
            raise ValidationError(
                _("Give the document a link, a PDF file or a text."), code="no_content"
            )
        if self.kind == self.Kind.BACKGROUND_NOTE:
            session = self.session
            if session is None or session.kind != Session.Kind.THEMATIC:
                raise ValidationError(
                    {"session": _("A background note belongs to one of the thematic sessions.")}
                )
            if self.meeting_id and session.meeting_id != self.meeting_id:
                raise ValidationError({"session": _("Choose a session of the same meeting.")})

    @property
    def is_background_note(self) -> bool:
        return self.kind == self.Kind.BACKGROUND_NOTE


from .news.models import NewsItem  # noqa: E402,F401
from .versions.models import ProgrammeRelease, ReleasedSession  # noqa: E402,F401
