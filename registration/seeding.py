"""Registration's part of ``seed``: states, categories, staff groups, calls and demo accounts."""

from gcm_review.seeding import Demo

from . import services

reference_data_seed = services.reference_data_seed


def demo_seed(demo: Demo) -> None:
    """Open the calls for speakers until the demo windows close; one account per role."""
    services.demo_calls_open(meeting=demo.meeting, now=demo.now, until=demo.until)
    demo.accounts = services.demo_accounts_create()
