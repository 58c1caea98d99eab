"""Writes for the meeting and its reference data."""

import datetime
import json
from pathlib import Path

from django.db import transaction

from gcm_review.page_cache import content_changed

from .models import (
    Document,
    GCMObjective,
    GuidingPrinciple,
    GuidingQuestion,
    KeyDate,
    Meeting,
    Session,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


def _load(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _created(pair) -> int:
    return int(pair[1])


@transaction.atomic
def reference_data_seed() -> dict[str, int]:
    """Load the objectives, principles, the 2024 meeting, its programme, questions and documents.

    Idempotent: records are looked up by their natural keys and created only when missing, so a
    second run creates nothing and never overwrites what staff have edited since.
    Returns how many records of each kind were created.
    """
    created = {"objectives": 0, "principles": 0}
    gcm = _load("gcm_objectives.json")
    for row in gcm["objectives"]:
        number = row.pop("number")
        created["objectives"] += _created(
            GCMObjective.objects.get_or_create(number=number, defaults=row)
        )
    for row in gcm["guiding_principles"]:
        key = row.pop("key")
        created["principles"] += _created(
            GuidingPrinciple.objects.get_or_create(key=key, defaults=row)
        )
    created.update(meeting_seed(_load("meeting_2024.json")))
    return created


def meeting_seed(data: dict) -> dict[str, int]:
    """Create a meeting with its sessions, key dates, guiding questions and documents."""
    fields = dict(data["meeting"])
    date = datetime.date.fromisoformat(fields.pop("date"))
    meeting, meeting_created = Meeting.objects.get_or_create(
        slug=fields.pop("slug"), defaults={**fields, "date": date}
    )
    created = {"meetings": int(meeting_created), "sessions": 0, "key_dates": 0}
    objectives = {o.number: o for o in GCMObjective.objects.all()}
    for row in data["sessions"]:
        created["sessions"] += _session_seed(meeting, dict(row), objectives)
    created["key_dates"] = key_dates_ensure(meeting=meeting)
    created["guiding_questions"] = sum(
        _created(
            GuidingQuestion.objects.get_or_create(
                meeting=meeting, letter=row["letter"], defaults=row
            )
        )
        for row in data["guiding_questions"]
    )
    created["documents"] = sum(
        _created(Document.objects.get_or_create(meeting=meeting, url=row["url"], defaults=row))
        for row in data["documents"]
    )
    return created


def _session_seed(meeting: Meeting, row: dict, objectives: dict) -> int:
    numbers = row.pop("objectives")
    starts, ends = (datetime.time.fromisoformat(row.pop(key)) for key in ("starts", "ends"))
    session, created = Session.objects.get_or_create(
        meeting=meeting,
        slug=row.pop("slug"),
        defaults={**row, "starts_at": meeting.at(0, starts), "ends_at": meeting.at(0, ends)},
    )
    if created:
        session.objectives.set([objectives[n] for n in numbers])
    return int(created)


def key_dates_ensure(*, meeting: Meeting) -> int:
    """Give the meeting every kind of key date it lacks, at its default; returns how many."""
    existing = set(meeting.key_dates.values_list("kind", flat=True))
    missing = [kind for kind in KeyDate.Kind if kind not in existing]
    KeyDate.objects.bulk_create(
        KeyDate(meeting=meeting, kind=kind, at=KeyDate.default_for(meeting, kind))
        for kind in missing
    )
    content_changed()
    return len(missing)


def demo_windows_open(
    *, meeting: Meeting, now: datetime.datetime, days: int = 60
) -> datetime.datetime:
    """Open the meeting's windows from now for ``days`` days, so every journey can be tried.

    The meeting date stays as it is; ``demo_windows_until`` makes staff pages say so.
    """
    until = now + datetime.timedelta(days=days)
    KeyDate.objects.filter(meeting=meeting, kind=KeyDate.Kind.REGISTRATION_OPENS).update(
        at=min(now, KeyDate.default_for(meeting, KeyDate.Kind.REGISTRATION_OPENS))
    )
    KeyDate.objects.filter(meeting=meeting, kind=KeyDate.Kind.REGISTRATION_CLOSES).update(at=until)
    content_changed()
    meeting.demo_windows_until = until
    meeting.save(update_fields=["demo_windows_until"])
    return until
