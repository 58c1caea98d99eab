"""One mail per release to each person a programme change concerns, in their language.

Concerned are the registered participants (pending or approved) of the part of the meeting
a changed session belongs to (the Hearing, the Conference, or both), and the speakers shown on
a changed session before or after the change (a stakeholder speaker, or for a Member State's
speaker the focal point who offered them).
"""

from collections import defaultdict

from gcm_review.outbox import email_render_and_enqueue
from sessions_app.models import ProgrammeRelease, ReleasedSession, Session

from ..models import ExpressionOfInterest, Registration, User

REGISTERED = (Registration.Status.PENDING, Registration.Status.APPROVED)


def _part_of(entry: ReleasedSession) -> str:
    return (
        Registration.Parts.HEARING
        if entry.kind == Session.Kind.HEARING
        else (Registration.Parts.CONFERENCE)
    )


def changes_by_person(
    *, release: ProgrammeRelease, changed: list[ReleasedSession]
) -> dict[User, list[ReleasedSession]]:
    """Each person concerned, with the changed sessions that concern them, in programme order."""
    concerned: dict[User, set[int]] = defaultdict(set)
    registrations = Registration.objects.filter(
        meeting_id=release.meeting_id, status__in=REGISTERED, user__is_active=True
    ).select_related("user")
    for registration in registrations:
        for index, entry in enumerate(changed):
            if registration.parts in (Registration.Parts.BOTH, _part_of(entry)):
                concerned[registration.user].add(index)
    speaker_ids = {pk for entry in changed for pk in entry.speakers_concerned}
    speakers = {
        speaker.pk: speaker
        for speaker in ExpressionOfInterest.objects.filter(pk__in=speaker_ids).select_related(
            "user", "submitted_by"
        )
    }
    for index, entry in enumerate(changed):
        for pk in entry.speakers_concerned:
            speaker = speakers.get(pk)
            person = speaker and (speaker.user or speaker.submitted_by)
            if person is not None and person.is_active:
                concerned[person].add(index)
    return {
        person: [changed[index] for index in sorted(indexes)]
        for person, indexes in concerned.items()
    }


def programme_change_mail(sender, *, release: ProgrammeRelease, changed, **kwargs) -> None:
    """Listener of ``programme_released``: write each person concerned one mail."""
    changed = sorted(changed, key=lambda entry: (entry.starts_at, entry.slug))
    for person, entries in changes_by_person(release=release, changed=changed).items():
        email_render_and_enqueue(
            to=person.email,
            template="programme_changed",
            context={
                "user": person,
                "release": release,
                "meeting": release.meeting,
                "changed": entries,
            },
            language=person.preferred_language,
        )
