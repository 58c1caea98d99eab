"""Writes for programme versions: releasing the draft as the next numbered version."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcm_review.audit import audit_record
from gcm_review.models import AuditEntry

from ..models import Meeting
from . import selectors
from .diff import SNAPSHOT_FIELDS, entries_next
from .models import ProgrammeRelease, ReleasedSession
from .signals import programme_released

ENTRY_FIELDS = (*SNAPSHOT_FIELDS, "sequence", "changed_at", "changes")


@transaction.atomic
def programme_release(
    *,
    meeting: Meeting,
    note: str = "",
    note_fr: str = "",
    note_ru: str = "",
    by=None,
    now=None,
    number: int | None = None,
    audited: bool = True,
) -> ProgrammeRelease:
    """Release the draft programme as the next version of ``meeting``.

    Locks the meeting so two releases cannot take the same number; with ``number`` (the version
    staff previewed), refuses if another release came first; records every session with
    what changed since the latest release; sends ``programme_released`` with the changed
    sessions (whose listeners write their mails in this same transaction); writes an audit
    entry (a publication) unless ``audited`` is false (``seed``'s first release).
    """
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    now = now or timezone.now()
    latest = selectors.release_latest(meeting=meeting)
    if number is not None and number != (latest.number + 1 if latest else 1):
        raise ValidationError(
            _("Someone released the programme meanwhile; check the changes again."), code="stale"
        )
    entries = entries_next(
        previous=selectors.release_snapshots(release=latest) if latest else None,
        draft=selectors.draft_snapshots(meeting=meeting),
        now=now,
    )
    release = ProgrammeRelease.objects.create(
        meeting=meeting,
        number=latest.number + 1 if latest else 1,
        note=note,
        note_fr=note_fr,
        note_ru=note_ru,
        released_at=now,
        released_by=by,
    )
    rows = ReleasedSession.objects.bulk_create(
        ReleasedSession(release=release, **{field: entry[field] for field in ENTRY_FIELDS})
        for entry in entries
    )
    changed = [row for row in rows if row.changes]
    if audited:
        audit_record(
            action=AuditEntry.Action.PUBLICATION,
            actor=by,
            target=release,
            detail={"programme_version": release.number, "changed": [row.slug for row in changed]},
        )
    if changed:
        programme_released.send(sender=ProgrammeRelease, release=release, changed=changed)
    return release


FIRST_NOTE = {
    "note": "The programme as first published.",
    "note_fr": "Le programme tel que publié pour la première fois.",
    "note_ru": "Программа в первоначально опубликованном виде.",
}


def programme_first_release_ensure(*, meeting: Meeting) -> int:
    """Release the seeded programme as version 1 if the meeting has none; how many were made."""
    if meeting.programme_releases.exists():
        return 0
    programme_release(meeting=meeting, audited=False, **FIRST_NOTE)
    return 1
