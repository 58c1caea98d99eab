"""Forms for meeting registration, its accreditation and the audit log."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gcm_review.models import AuditEntry

from .models import (
    Registration,
)


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ("parts", "attendance", "consent_privacy", "consent_public_list")
        widgets = {"parts": forms.RadioSelect, "attendance": forms.RadioSelect}
        labels = {
            "parts": _("Which parts of the meeting will you attend?"),
            "attendance": _("How will you attend?"),
            "consent_privacy": _(
                "I have read the privacy notice and agree that the Network processes my data "
                "to organise the meeting."
            ),
            "consent_public_list": _(
                "Show my name, organisation and category in the public participant list."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_privacy"].required = True
        self.fields["consent_privacy"].error_messages["required"] = _(
            "You need to agree to the privacy notice to register."
        )
        for name in ("parts", "attendance"):
            self.fields[name].choices = self.fields[name].choices[1:]  # no empty choice


class DecisionForm(forms.Form):
    """Bulk approve or reject registrations, with an optional message to the registrants."""

    ACTIONS = (("approve", _("Approve")), ("reject", _("Reject")))
    action = forms.ChoiceField(label=_("Decision"), choices=ACTIONS, widget=forms.RadioSelect)
    registrations = forms.ModelMultipleChoiceField(Registration.objects.all(), required=False)
    # "Select all": the registrations listed on the page, sent with it (works without JS).
    all_shown = forms.BooleanField(required=False)
    shown = forms.ModelMultipleChoiceField(Registration.objects.all(), required=False)
    message = forms.CharField(
        label=_("Message to the registrants (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"].queryset = registrations
        self.fields["shown"].queryset = registrations

    def clean(self):
        data = super().clean()
        chosen = set(data.get("registrations") or [])
        if data.get("all_shown"):
            chosen |= set(data.get("shown") or [])
        if not chosen and "registrations" not in self.errors:
            self.add_error("registrations", _("Select at least one registration."))
        data["chosen"] = sorted(chosen, key=lambda registration: registration.pk)
        return data


class AuditFilterForm(forms.Form):
    """Narrow the audit log; every field may be left empty."""

    action = forms.ChoiceField(
        label=_("What"), required=False, choices=[("", _("All"))] + AuditEntry.Action.choices
    )
    q = forms.CharField(
        label=_("Who or which object"),
        required=False,
        max_length=200,
        help_text=_("Part of an address, a name or an object."),
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date must come before the end date."))
        return data
