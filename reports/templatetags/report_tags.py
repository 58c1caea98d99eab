from django import template

from gcm_review.templatetags.chart_tags import bar_chart
from gcm_review.text import is_web_address

register = template.Library()
register.simple_tag(bar_chart)


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def web_address(url) -> bool:
    """Whether a link may point there (versions compiled before quotes were checked too)."""
    return is_web_address(url)
