"""The survey form (built for the person's sessions) and the staff form for its window."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gcm_review.i18n import localized

from .models import COMMENT_MAX_CHARS, Rating
from .selectors import QUESTIONS

NO_ANSWER = [("", _("No answer"))]


def _rating_field(label, *, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=([] if required else NO_ANSWER) + list(Rating.choices),
        coerce=int,
        empty_value=None,
        required=required,
        initial=None if required else "",
        widget=forms.RadioSelect,
    )


class FeedbackForm(forms.Form):
    def __init__(self, *args, sessions, online: bool, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(QUESTIONS)
        self.fields["overall"] = _rating_field(labels["overall"], required=True)
        self.fields["overall"].error_messages["required"] = _("Give the meeting an overall rating.")
        self.session_fields = {}
        for session in sessions:
            name = f"session_{session.pk}"
            self.fields[name] = _rating_field(localized(session, "title"))
            self.session_fields[name] = session.pk
        self.fields["accessibility"] = _rating_field(labels["accessibility"])
        self.fields["interpretation"] = _rating_field(labels["interpretation"])
        if online:
            self.fields["online_experience"] = _rating_field(labels["online_experience"])
        self.fields["comment"] = forms.CharField(
            label=_("Anything else you would like to tell the Network"),
            required=False,
            max_length=COMMENT_MAX_CHARS,
            widget=forms.Textarea(attrs={"rows": 6}),
        )

    def answers(self) -> dict:
        data = self.cleaned_data
        keys = [key for key, _label in QUESTIONS] + ["comment"]
        return {key: data.get(key) for key in keys}

    def session_ratings(self) -> dict[int, int]:
        return {pk: self.cleaned_data.get(name) for name, pk in self.session_fields.items()}


class FeedbackWindowForm(forms.Form):
    opens = forms.DateTimeField(
        label=_("The survey opens"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes = forms.DateTimeField(
        label=_("The survey closes"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
