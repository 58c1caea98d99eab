from django import template
from django.utils.safestring import mark_safe

from gcm_review.charts import bar_chart_svg

register = template.Library()


@register.simple_tag
def bar_chart(rows, label_key, value_key, title):
    """An SVG bar chart of a list of dicts; the data table sits next to it in the template."""
    # Reviewed for bandit: every text in the SVG is escaped by bar_chart_svg.
    return mark_safe(  # nosec
        bar_chart_svg([(str(r[label_key]), int(r[value_key])) for r in rows], title=title)
    )
