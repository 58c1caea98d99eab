"""Template helpers every app uses."""

from django import template
from django.urls import translate_url

from gcm_review.i18n import localized, localized_language

register = template.Library()


@register.filter
def tr(obj, field: str) -> str:
    """``{{ session|tr:"title" }}``: a model field in the page language."""
    return localized(obj, field)


@register.filter
def tr_lang(obj, field: str) -> str:
    """``lang="{{ item|tr_lang:"body" }}"``: the language ``tr`` shows the field in."""
    return localized_language(obj, field)


@register.simple_tag(takes_context=True)
def url_in_language(context, language: str) -> str:
    """The current page's address in another language."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)


@register.filter
def html_text(html: str) -> str:
    """Sanitised HTML as plain text, for mails."""
    from gcm_review.text import html_to_text

    return html_to_text(html)


@register.filter
def rich_text(html: str):
    """Stored rich text, sanitised again on the way out (defence in depth) and marked safe."""
    from django.utils.safestring import mark_safe

    from gcm_review.text import html_sanitise

    # Reviewed for bandit: sanitised just above.
    return mark_safe(html_sanitise(html))  # nosec
