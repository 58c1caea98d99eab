"""The counts on the cards of Network staff's home page, from every app with work waiting.

Each app registers a counter in its ``AppConfig.ready``; the page (in ``registration``) calls
them all, so no app imports the apps that build on it. One query per count, whatever the
number of items counted.
"""

from collections.abc import Callable

_counters: dict[str, Callable] = {}


def staff_counter(card: str):
    """Register ``function(*, meeting) -> dict[str, int]`` for the card named ``card``."""

    def register(function):
        _counters[card] = function
        return function

    return register


def staff_counts(*, meeting) -> dict[str, dict[str, int]]:
    return {card: function(meeting=meeting) for card, function in _counters.items()}
