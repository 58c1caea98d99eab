"""Programme versions: staff edit the sessions as a draft and release them as numbered versions.

A release keeps a snapshot of every session (``ReleasedSession``): its times, room, the speakers
shown on the programme and whether it is cancelled, with what changed since the version before.
The public programme, the iCalendar file and the home page read the latest release.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcm_review.i18n import localized, trilingual


class ProgrammeRelease(models.Model):
    meeting = models.ForeignKey(
        "sessions_app.Meeting", on_delete=models.CASCADE, related_name="programme_releases"
    )
    number = models.PositiveIntegerField(_("version"))
    note, note_fr, note_ru = trilingual(models.TextField, _("note"), blank=True)
    released_at = models.DateTimeField(_("released at"))
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("programme release")
        verbose_name_plural = _("programme releases")
        ordering = ("-number",)
        constraints = [
            models.UniqueConstraint(
                fields=("meeting", "number"), name="programme_release_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.meeting.slug} v{self.number}"

    @property
    def anchor(self) -> str:
        return f"version-{self.number}"


class ReleasedSession(models.Model):
    """One session as a release shows it. ``changes`` says what differs from the version
    before: ``added``, ``cancelled``, ``time`` (the previous start and end), ``room`` (the
    previous room in en/fr/ru), ``speakers_added`` / ``speakers_removed`` ([id, name] pairs)."""

    release = models.ForeignKey(ProgrammeRelease, on_delete=models.CASCADE, related_name="entries")
    session = models.ForeignKey(
        "sessions_app.Session", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    slug = models.SlugField(_("slug"))
    kind = models.CharField(_("kind"), max_length=16)
    title, title_fr, title_ru = trilingual(models.CharField, _("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room, room_fr, room_ru = trilingual(models.CharField, _("room"), max_length=100, blank=True)
    speaker_ids = models.JSONField(_("speakers"), default=list, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    sequence = models.PositiveIntegerField(_("iCalendar sequence"), default=0)
    changed_at = models.DateTimeField(_("last changed"))
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("released session")
        verbose_name_plural = _("released sessions")
        ordering = ("starts_at", "slug")
        constraints = [
            models.UniqueConstraint(fields=("release", "slug"), name="released_session_unique_slug")
        ]

    def __str__(self):
        return f"{self.release} · {self.slug}"

    @property
    def is_added(self) -> bool:
        return bool(self.changes.get("added"))

    @property
    def is_cancelled_now(self) -> bool:
        return bool(self.changes.get("cancelled"))

    @property
    def previous_starts_at(self) -> datetime.datetime | None:
        time = self.changes.get("time")
        return datetime.datetime.fromisoformat(time[0]) if time else None

    @property
    def previous_ends_at(self) -> datetime.datetime | None:
        time = self.changes.get("time")
        return datetime.datetime.fromisoformat(time[1]) if time else None

    @property
    def room_changed(self) -> bool:
        return "room" in self.changes

    @property
    def previous_room(self) -> str:
        en, fr, ru = self.changes.get("room", ["", "", ""])
        return localized(_Room(en, fr, ru), "room")

    @property
    def speakers_added(self) -> list[str]:
        return [name for _id, name in self.changes.get("speakers_added", [])]

    @property
    def speakers_removed(self) -> list[str]:
        return [name for _id, name in self.changes.get("speakers_removed", [])]

    @property
    def speakers_concerned(self) -> set[int]:
        """The speakers a change concerns: those shown now and those just removed."""
        removed = {pk for pk, _name in self.changes.get("speakers_removed", [])}
        return set(self.speaker_ids) | removed


class _Room:
    def __init__(self, room, room_fr, room_ru):
        self.room, self.room_fr, self.room_ru = room, room_fr, room_ru
