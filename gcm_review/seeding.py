"""What ``seed`` loads, registered by each app so that this lowest layer imports none of them.

Each app registers, in its ``AppConfig.ready``, a function loading its reference data and,
optionally, one opening what a newcomer needs to try its journeys (``seed --demo``). Apps are
ready in the order of ``INSTALLED_APPS``, which is the order of the layers, so each step finds
what the apps below it have loaded.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Demo:
    """What the demo steps share: the time, the meeting and how long its windows stay open.

    The programme's step sets ``meeting`` and ``until``; the registration step adds the accounts
    it made, which ``seed`` prints last; every step adds the lines it wants said.
    """

    now: datetime.datetime
    meeting: Any = None
    until: datetime.datetime | None = None
    accounts: list = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Seeder:
    app: str
    reference: Callable[[], dict[str, int]] | None
    demo: Callable[[Demo], None] | None


_seeders: list[Seeder] = []


def seeder_register(
    *,
    app: str,
    reference: Callable[[], dict[str, int]] | None = None,
    demo: Callable[[Demo], None] | None = None,
) -> None:
    """Add an app's steps once, however often ``ready`` runs."""
    if any(seeder.app == app for seeder in _seeders):
        return
    _seeders.append(Seeder(app=app, reference=reference, demo=demo))


def reference_data_seed() -> dict[str, int]:
    """Run every app's reference step in layer order; how many records of each kind were made."""
    created: dict[str, int] = {}
    for seeder in _seeders:
        if seeder.reference:
            created.update(seeder.reference())
    return created


def demo_seed(*, now: datetime.datetime) -> Demo:
    """Run every app's demo step in layer order."""
    demo = Demo(now=now)
    for seeder in _seeders:
        if seeder.demo:
            seeder.demo(demo)
    return demo
