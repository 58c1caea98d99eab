"""What changed between two versions of the programme: plain functions on snapshots.

A snapshot is a dict per session slug with the fields of ``ReleasedSession`` that a release
records; ``entries_next`` turns the previous release's snapshots and the draft's into the
next release's, each with its ``changes``, ``sequence`` and ``changed_at``.
"""

import datetime

from django.db.models import Model

SNAPSHOT_FIELDS = (
    "slug",
    "session_id",
    "kind",
    "title",
    "title_fr",
    "title_ru",
    "starts_at",
    "ends_at",
    "room",
    "room_fr",
    "room_ru",
    "speaker_ids",
    "cancelled",
)


def snapshot_of_session(session, speakers: list) -> dict:
    """A draft session as a release would record it; ``speakers`` as the programme shows them."""
    return {
        "slug": session.slug,
        "session_id": session.pk,
        "kind": session.kind,
        "title": session.title,
        "title_fr": session.title_fr,
        "title_ru": session.title_ru,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "room": session.room,
        "room_fr": session.room_fr,
        "room_ru": session.room_ru,
        "speaker_ids": [speaker.pk for speaker in speakers],
        "speaker_names": {speaker.pk: speaker.speaker_name for speaker in speakers},
        "cancelled": session.is_cancelled,
    }


def snapshot_of_entry(entry: Model, names: dict[int, str]) -> dict:
    """A released session's snapshot, with the names of its speakers from ``names``."""
    snapshot = {field: getattr(entry, field) for field in SNAPSHOT_FIELDS}
    snapshot["speaker_names"] = {pk: names.get(pk, "") for pk in entry.speaker_ids}
    snapshot["sequence"] = entry.sequence
    snapshot["changed_at"] = entry.changed_at
    return snapshot


def changes_between(before: dict, after: dict) -> dict:
    """What differs between two snapshots of one session (both present)."""
    if before["cancelled"] != after["cancelled"]:
        return {"cancelled": True} if after["cancelled"] else {"added": True}
    if after["cancelled"]:
        return {}
    changes = {}
    if (before["starts_at"], before["ends_at"]) != (after["starts_at"], after["ends_at"]):
        changes["time"] = [before["starts_at"].isoformat(), before["ends_at"].isoformat()]
    rooms = ("room", "room_fr", "room_ru")
    if [before[f] for f in rooms] != [after[f] for f in rooms]:
        changes["room"] = [before[f] for f in rooms]
    added = [pk for pk in after["speaker_ids"] if pk not in before["speaker_ids"]]
    removed = [pk for pk in before["speaker_ids"] if pk not in after["speaker_ids"]]
    if added:
        changes["speakers_added"] = [[pk, after["speaker_names"][pk]] for pk in added]
    if removed:
        changes["speakers_removed"] = [[pk, before["speaker_names"][pk]] for pk in removed]
    return changes


def entries_next(
    *, previous: dict[str, dict] | None, draft: dict[str, dict], now: datetime.datetime
) -> list[dict]:
    """The next release's sessions. The first release records the draft as it is, changes
    none; later, a session new to the programme is ``added``, one gone from the draft stays as
    ``cancelled``, and every changed session's ``sequence`` rises by one."""
    if previous is None:
        return [
            {**snapshot, "sequence": 0, "changed_at": now, "changes": {}}
            for snapshot in draft.values()
            if not snapshot["cancelled"]
        ]
    entries = []
    for slug in sorted(previous.keys() | draft.keys()):
        before, after = previous.get(slug), draft.get(slug)
        if before is None:
            if not after["cancelled"]:
                entries.append(
                    {**after, "sequence": 0, "changed_at": now, "changes": {"added": True}}
                )
            continue
        if after is None:
            after = {**before, "session_id": None, "cancelled": True}
        changes = changes_between(before, after)
        entries.append(
            {
                **after,
                "sequence": before["sequence"] + 1 if changes else before["sequence"],
                "changed_at": now if changes else before["changed_at"],
                "changes": changes,
            }
        )
    return entries
