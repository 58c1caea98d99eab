"""Reads for programme versions: the released programme the public sees, the versions with
what changed, and the preview of the next release."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from ..models import Meeting, Session
from ..selectors import programme_sessions
from .diff import entries_next, snapshot_of_entry, snapshot_of_session
from .models import ProgrammeRelease, ReleasedSession


def _speaker_model():
    """The registration app's expressions of interest, reached without importing that app."""
    return Session._meta.get_field("speakers").related_model


def release_latest(*, meeting: Meeting) -> ProgrammeRelease | None:
    return meeting.programme_releases.order_by("-number").first()


def draft_snapshots(*, meeting: Meeting) -> dict[str, dict]:
    """The draft programme (the sessions as staff edit them), a snapshot per slug."""
    return {
        session.slug: snapshot_of_session(session, list(session.speakers.all()))
        for session in programme_sessions(meeting=meeting)
    }


def release_snapshots(*, release: ProgrammeRelease) -> dict[str, dict]:
    entries = list(release.entries.all())
    ids = {pk for entry in entries for pk in entry.speaker_ids}
    names = dict(_speaker_model().objects.filter(pk__in=ids).values_list("pk", "speaker_name"))
    return {entry.slug: snapshot_of_entry(entry, names) for entry in entries}


@dataclass
class ProgrammeEntry:
    """A session as the public programme shows it: the released time, room, speakers and
    cancellation over the session's own title, summary and objectives."""

    session: Session | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str
    room_fr: str
    room_ru: str
    cancelled: bool
    sequence: int
    changed_at: datetime.datetime
    slug: str
    title: str
    title_fr: str
    title_ru: str
    programme_speakers: list = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or self.__dict__.get("session") is None:
            raise AttributeError(name)
        return getattr(self.session, name)


def _entry_from_draft(session: Session) -> ProgrammeEntry:
    return ProgrammeEntry(
        session=session,
        programme_speakers=list(session.speakers.all()),
        cancelled=session.is_cancelled,
        sequence=0,
        changed_at=session.updated_at,
        **{f: getattr(session, f) for f in (*_SHARED, *_TITLES)},
    )


_SHARED = ("starts_at", "ends_at", "room", "room_fr", "room_ru", "slug")
_TITLES = ("title", "title_fr", "title_ru")


def _entry_from_release(row: ReleasedSession, speakers: dict) -> ProgrammeEntry:
    source = row.session or row
    return ProgrammeEntry(
        session=row.session,
        programme_speakers=[s for pk, s in speakers.items() if pk in set(row.speaker_ids)],
        cancelled=row.cancelled,
        sequence=row.sequence,
        changed_at=row.changed_at,
        **{f: getattr(row, f) for f in _SHARED},
        **{f: getattr(source, f) for f in _TITLES},
    )


def programme_entries(*, meeting: Meeting, with_gone: bool = False) -> list[ProgrammeEntry]:
    """The released programme in order (the draft as it is before any release), in three
    queries whatever its size. Sessions deleted since a release only with ``with_gone``."""
    release = release_latest(meeting=meeting)
    if release is None:
        return [_entry_from_draft(session) for session in programme_sessions(meeting=meeting)]
    rows = list(
        release.entries.select_related("session")
        .prefetch_related("session__objectives")
        .order_by("starts_at", "slug")
    )
    ids = {pk for row in rows for pk in row.speaker_ids}
    speakers = {
        speaker.pk: speaker
        for speaker in _speaker_model()
        .objects.filter(pk__in=ids)
        .select_related("call", "member_state")
        .order_by("call__role", "speaker_name", "pk")
    }
    entries = [_entry_from_release(row, speakers) for row in rows]
    return entries if with_gone else [entry for entry in entries if entry.session is not None]


def programme_entry(*, meeting: Meeting, slug: str) -> ProgrammeEntry:
    for entry in programme_entries(meeting=meeting):
        if entry.slug == slug:
            return entry
    raise Http404("No such session.")


def releases_with_changes(*, meeting: Meeting) -> QuerySet[ProgrammeRelease]:
    """Every version, newest first, each with the sessions that changed in it."""
    changed = ReleasedSession.objects.filter(~Q(changes={})).order_by("starts_at", "slug")
    return meeting.programme_releases.prefetch_related(
        Prefetch("entries", queryset=changed, to_attr="changed")
    ).order_by("-number")


def release_preview(*, meeting: Meeting) -> list[ReleasedSession]:
    """What releasing the draft now would change, as unsaved released sessions."""
    latest = release_latest(meeting=meeting)
    if latest is None:
        return []
    entries = entries_next(
        previous=release_snapshots(release=latest),
        draft=draft_snapshots(meeting=meeting),
        now=latest.released_at,
    )
    fields = {f.attname for f in ReleasedSession._meta.concrete_fields}
    return [
        ReleasedSession(**{k: v for k, v in entry.items() if k in fields})
        for entry in entries
        if entry["changes"]
    ]
