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


def moment_text(moment, tzinfo=None) -> str:
    """A date and time as the active language writes it ("4 décembre 2026 18:30"), in
    ``tzinfo`` (the meeting's time zone) or else the current one."""
    from django.utils import formats, timezone

    return formats.date_format(timezone.localtime(moment, tzinfo), "DATETIME_FORMAT")
