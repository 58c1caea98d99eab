from django import forms
from django.utils.translation import gettext_lazy as _


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "rich-text"}),
        help_text=_("Paragraphs, lists, bold and links are kept."),
    )


class QuoteForm(forms.Form):
    text = forms.CharField(widget=forms.HiddenInput, max_length=4000)
    source = forms.CharField(widget=forms.HiddenInput, max_length=300)
    source_url = forms.CharField(widget=forms.HiddenInput, max_length=300, required=False)


class CirculateForm(forms.Form):
    comments_close_at = forms.DateTimeField(
        label=_("Comments close at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )


class CommentForm(forms.Form):
    section = forms.ModelChoiceField(queryset=None, label=_("Section"))
    passage = forms.CharField(
        label=_("Passage you comment on (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label=_("Your comment"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections
        self.fields["section"].widget.attrs["lang"] = "en"  # the report's titles, as written
