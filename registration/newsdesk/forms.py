from django import forms
from django.utils.translation import gettext_lazy as _

from sessions_app.models import NewsItem
from sessions_app.news.services import FIELDS


class NewsItemForm(forms.ModelForm):
    """A news item in three languages; the texts are rich text (the editor of the answers)."""

    published_at = forms.DateTimeField(
        label=_("Published at"),
        required=False,
        help_text=_("Left empty, the moment the item is published. A later moment: shown then."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
        error_messages={"invalid": _("Give the date and time as year-month-day hours:minutes.")},
    )

    class Meta:
        model = NewsItem
        fields = FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 8, "class": "rich-text"})
            for name in ("body", "body_fr", "body_ru")
        }
