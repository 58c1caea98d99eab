"""The programme's part of ``seed``: reference data, and the demo's open windows and news."""

from gcm_review.seeding import Demo

from . import services
from .models import Meeting
from .news.services import news_demo_ensure


def demo_seed(demo: Demo) -> None:
    """Open the 2024 meeting's windows from now; later steps open theirs until the same day."""
    demo.meeting = Meeting.objects.get(slug="unece-2024")
    demo.until = services.demo_windows_open(meeting=demo.meeting, now=demo.now)
    news_demo_ensure(meeting=demo.meeting, now=demo.now)
    demo.lines.append(
        f"Demo: the meeting stays on {demo.meeting.date:%d %B %Y}; its registration window "
        f"is open until {demo.until:%d %B %Y} (staff pages say so)."
    )
