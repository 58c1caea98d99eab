"""What the portal holds about a person, gathered from every app that holds some.

Each app registers an exporter in its ``AppConfig.ready``; ``/my/data/`` calls them all, so
no app needs to import the apps that build on it.
"""

from collections.abc import Callable

_exporters: dict[str, Callable] = {}


def exporter(section: str):
    """Register ``function(user) -> JSON-able data`` under ``section``."""

    def register(function):
        _exporters[section] = function
        return function

    return register


def personal_data_export(user) -> dict:
    return {section: function(user) for section, function in _exporters.items()}
