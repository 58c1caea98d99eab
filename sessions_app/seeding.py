"""The programme's part of ``seed``: reference data, and the demo's open windows and news."""

from gcm_review.seeding import Demo

from . import services
from .models import Meeting
from .news.services import news_demo_ensure
from .versions.services import programme_first_release_ensure


def reference_seed() -> dict[str, int]:
    """The reference data, then the seeded programme released as version 1 (once)."""
    created = services.reference_data_seed()
    meeting = Meeting.objects.get(slug="unece-2024")
    created["programme_releases"] = programme_first_release_ensure(meeting=meeting)
    return created


def demo_seed(demo: Demo) -> None:
    """Open the 2024 meeting's windows from now; later steps open theirs until the same day."""
    demo.meeting = Meeting.objects.get(slug="unece-2024")
    demo.until = services.demo_windows_open(meeting=demo.meeting, now=demo.now)
    news_demo_ensure(meeting=demo.meeting, now=demo.now)
    demo.lines.append(
        f"Demo: the meeting stays on {demo.meeting.date:%d %B %Y}; its registration window "
        f"is open until {demo.until:%d %B %Y} (staff pages say so)."
    )
