"""Helpers for the side-event tests: a meeting three weeks ahead with its call open, approved
registrations, side events made directly."""

import datetime

from django.utils import timezone

from registration.models import Registration, SideEvent, SideEventCall


def meeting_ahead(meeting, days=21):
    """The meeting moved ``days`` from today, its call for side events open since yesterday."""
    meeting.date = timezone.localdate() + datetime.timedelta(days=days)
    meeting.save()
    now = timezone.now()
    SideEventCall.objects.update_or_create(
        meeting=meeting,
        defaults={
            "opens_at": now - datetime.timedelta(days=1),
            "closes_at": now + datetime.timedelta(days=7),
        },
    )
    return meeting


def approved_registration(meeting, user) -> Registration:
    return Registration.objects.create(
        meeting=meeting,
        user=user,
        parts=Registration.Parts.BOTH,
        attendance=Registration.Attendance.IN_PERSON,
        consent_privacy=True,
        status=Registration.Status.APPROVED,
    )


def proposal_data(meeting, **changes) -> dict:
    data = {
        "title": "Migrant workers' rights in the care sector",
        "organisers": "Migrant Voices, Care Workers United",
        "day": meeting.date.isoformat(),
        "starts": "13:15",
        "ends": "14:15",
        "venue": "room",
        "room": "Room XXIV",
        "online_url": "",
        "description": "A panel of care workers.\n\nWith interpretation in French.",
        "sign_up": "portal",
        "registration_url": "",
        "seats": "40",
    }
    return {**data, **changes}


def side_event_make(meeting, *, title="Side event", hour=13, seats=10, **fields) -> SideEvent:
    fields = {
        "status": SideEvent.Status.APPROVED,
        "organisers": "Migrant Voices",
        "venue": SideEvent.Venue.ROOM,
        "room": "Room XXIV",
        "description": "<p>About it.</p>",
        "sign_up": SideEvent.SignUp.PORTAL,
        "seats": seats,
        **fields,
    }
    return SideEvent.objects.create(
        meeting=meeting,
        title=title,
        starts_at=meeting.at(0, datetime.time(hour, 0)),
        ends_at=meeting.at(0, datetime.time(hour, 45)),
        **fields,
    )
