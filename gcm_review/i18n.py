"""Per-language columns (``title``, ``title_fr``, ``title_ru``): declaring and reading them."""

from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def trilingual(field_class, verbose_name, **options):
    """An English field and its optional French and Russian translations, declared at once:
    ``title, title_fr, title_ru = trilingual(models.CharField, _("title"), max_length=300)``.

    The translations are always optional (``localized`` falls back to the English text) and
    carry no help text (it is shown once, beside the English field) and no uniqueness.
    """
    translation = {**options, "blank": True}
    translation.pop("help_text", None)
    translation.pop("unique", None)
    return (
        field_class(verbose_name, **options),
        field_class(format_lazy(_("{name} (French)"), name=verbose_name), **translation),
        field_class(format_lazy(_("{name} (Russian)"), name=verbose_name), **translation),
    )


def localized(obj, field: str) -> str:
    """The value of ``field`` in the active language, falling back to English."""
    language = (get_language() or "en")[:2]
    if language != "en":
        value = getattr(obj, f"{field}_{language}", "")
        if value:
            return value
    return getattr(obj, field)


def language_initial(allowed, *, user=None) -> str:
    """The language someone most likely writes in, for a new text's language field.

    The page's language when the person chose one (French or Russian), else the language
    they chose for their mails, else English: a form never assumes English for a text typed
    in the Russian pages.
    """
    from django.conf import settings

    page = (get_language() or settings.LANGUAGE_CODE)[:2]
    preferred = getattr(user, "preferred_language", "") if user is not None else ""
    for candidate in (page if page != settings.LANGUAGE_CODE else "", preferred, page):
        if candidate and candidate in allowed:
            return candidate
    return settings.LANGUAGE_CODE


def moment_text(moment, tzinfo=None) -> str:
    """A date and time as the active language writes it ("4 décembre 2026 18:30"), in
    ``tzinfo`` (the meeting's time zone) or else the current one."""
    from django.utils import formats, timezone

    return formats.date_format(timezone.localtime(moment, tzinfo), "DATETIME_FORMAT")
