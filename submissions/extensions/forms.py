from django import forms
from django.utils.translation import gettext_lazy as _

from .models import REASON_MAX_CHARS


class ExtensionRequestForm(forms.Form):
    """A State's focal point asks for more time."""

    until = forms.DateField(
        label=_("Until which date does your State need to write?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": _("Give the date until which your State needs to write."),
            "invalid": _("Give the date as year-month-day."),
        },
    )
    reason = forms.CharField(
        label=_("Why does your State need more time?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=REASON_MAX_CHARS,
        error_messages={"required": _("Say why your State needs more time.")},
    )


class ExtensionDecisionForm(forms.Form):
    """Staff grant (until a date and time) or decline (with a comment) in one form."""

    until = forms.DateTimeField(
        label=_("Extended until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
        error_messages={"invalid": _("Give the date and time as year-month-day hours:minutes.")},
    )
    comment = forms.CharField(
        label=_("Comment to the State (needed to decline)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX_CHARS,
    )

    def clean(self):
        cleaned = super().clean()
        decision = self.data.get("decision")
        if decision not in ("grant", "decline"):
            raise forms.ValidationError(_("Choose to grant or to decline the request."))
        if decision == "grant" and not cleaned.get("until") and "until" not in self.errors:
            self.add_error("until", _("Give the date and time until which the State may write."))
        cleaned["decision"] = decision
        return cleaned
