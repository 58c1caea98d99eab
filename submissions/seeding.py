"""The written inputs' and stakeholder voices' part of ``seed``."""

from gcm_review.seeding import Demo

from . import services
from .voices import services as voices_services
from .voices.discussion import services as discussion_services


def reference_data_seed() -> dict[str, int]:
    return voices_services.voices_seed()


def demo_seed(demo: Demo) -> None:
    """Extend the demo states' written inputs and open the Discussion Space until the same day."""
    states = services.demo_extensions_grant(meeting=demo.meeting, until=demo.until)
    demo.lines.append(f"Demo: written inputs of {', '.join(states)} extended likewise.")
    discussion_services.discussion_demo_open(meeting=demo.meeting, now=demo.now, until=demo.until)
    demo.lines.append("Demo: the Discussion Space threads are open likewise.")
