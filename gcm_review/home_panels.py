"""Panels of the public home page that apps building on ``sessions_app`` contribute.

The home page belongs to ``sessions_app``, which imports none of the apps above it; each of
those registers a panel in its ``AppConfig.ready``, and the home view renders them all in the
order registered. A panel with nothing to show returns "".
"""

from collections.abc import Callable

_panels: dict[str, Callable] = {}


def home_panel(name: str):
    """Register ``function(*, request, meeting) -> str`` (HTML, already escaped) as ``name``."""

    def register(function):
        _panels[name] = function
        return function

    return register


def home_panels(*, request, meeting) -> list[str]:
    """The HTML of every registered panel that has something to show."""
    rendered = (function(request=request, meeting=meeting) for function in _panels.values())
    return [html for html in rendered if html]
