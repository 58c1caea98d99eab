"""A person's own deadlines and what is still to do, gathered from every app that has some.

Each app registers a provider in its ``AppConfig.ready``; ``/my/`` and the personal calendar
feed (in ``registration``) call them all, so no app imports the apps that build on it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

_providers: dict[str, Callable] = {}


@dataclass(frozen=True)
class TimelineEntry:
    key: str  # stable within the person's timeline: the calendar event's UID is made from it
    title: str
    at: datetime.datetime
    todo: str = ""  # what the person still has to do; empty when nothing is
    path: str = ""


def timeline_provider(name: str):
    """Register ``function(*, user, meeting, now) -> list[TimelineEntry]`` under ``name``."""

    def register(function):
        _providers[name] = function
        return function

    return register


def timeline_entries(*, user, meeting, now: datetime.datetime) -> list[TimelineEntry]:
    entries = [e for f in _providers.values() for e in f(user=user, meeting=meeting, now=now)]
    return sorted(entries, key=lambda entry: (entry.at, entry.key))
