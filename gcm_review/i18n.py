"""Reading a model's per-language columns (``title``, ``title_fr``, ``title_ru``)."""

from django.utils.translation import get_language


def localized(obj, field: str) -> str:
    """The value of ``field`` in the active language, falling back to English."""
    language = (get_language() or "en")[:2]
    if language != "en":
        value = getattr(obj, f"{field}_{language}", "")
        if value:
            return value
    return getattr(obj, field)
