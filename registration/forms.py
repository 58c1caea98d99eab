from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gcm_review.forms import LocalizedModelChoiceField
from gcm_review.models import AuditEntry
from gcm_review.uploads import PDF, validate_upload
from sessions_app.models import Session

from .models import (
    CV_MAX_BYTES,
    Call,
    ExpressionOfInterest,
    MemberState,
    Registration,
    StakeholderCategory,
    User,
)


class SignupProfileForm(forms.Form):
    """The fields allauth's sign-up form gains: a name and the language for mails."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    preferred_language = forms.ChoiceField(
        label=_("Language for emails from the portal"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = translation.get_language()

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.save(update_fields=["full_name", "preferred_language"])


class ProfileForm(forms.ModelForm):
    stakeholder_category = LocalizedModelChoiceField(
        StakeholderCategory.objects.all(),
        label_field="label",
        required=False,
        label=_("Stakeholder category"),
        help_text=_("If you take part as a stakeholder."),
    )
    delegation = LocalizedModelChoiceField(
        MemberState.objects.all(),
        required=False,
        label=_("Member-state delegation"),
        help_text=_("If you take part as a member of a Member State's delegation."),
    )
    country = LocalizedModelChoiceField(
        MemberState.objects.all(),
        required=False,
        label=_("Country"),
        help_text=_("Where you live or work; leave empty if outside the UNECE region."),
    )

    class Meta:
        model = User
        fields = (
            "full_name",
            "title",
            "organisation",
            "stakeholder_category",
            "delegation",
            "country",
            "gender",
            "accessibility_needs",
            "preferred_language",
        )
        widgets = {"accessibility_needs": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "gender": _("Optional. Used only for gender-balance statistics."),
            "accessibility_needs": _("Optional. Tell us what would help you take part."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("full_name", "organisation"):
            self.fields[name].required = True

    def clean(self):
        cleaned = super().clean()
        category, delegation = cleaned.get("stakeholder_category"), cleaned.get("delegation")
        if not category and not delegation:
            raise forms.ValidationError(
                _(
                    "Choose the stakeholder category you belong to, "
                    "or the delegation you are part of."
                )
            )
        if category and delegation:
            raise forms.ValidationError(
                _("Choose either a stakeholder category or a delegation, not both.")
            )
        return cleaned


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


class FocalPointForm(forms.Form):
    member_state = LocalizedModelChoiceField(
        MemberState.objects.all(), label=_("Member State you represent")
    )
    nomination_letter = forms.FileField(
        label=_("Official nomination letter or Note Verbale (PDF, up to 10 MB)")
    )

    def clean_nomination_letter(self):
        letter = self.cleaned_data["nomination_letter"]
        validate_upload(letter, allowed={PDF}, max_bytes=settings.NOMINATION_LETTER_MAX_BYTES)
        return letter


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


class AccountDeleteForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"),
        help_text=_("This cannot be undone."),
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value.upper() not in {"DELETE", str(_("DELETE")).upper()}:
            raise forms.ValidationError(_("Type DELETE to confirm."))
        return value


class ExpressionOfInterestForm(forms.Form):
    """The fields of one role's call (``Call.FIELDS``); the others are dropped."""

    session = LocalizedModelChoiceField(
        Session.objects.none(),
        label_field="title",
        label=_("Thematic session"),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    speaker_name = forms.CharField(label=_("Name of the speaker"), max_length=200)
    speaker_title = forms.CharField(
        label=_("Title or position"),
        max_length=200,
        help_text=_("For example: Minister of the Interior."),
    )
    gender = forms.ChoiceField(
        label=_("Gender of the speaker"),
        choices=User.Gender.choices,
        widget=forms.RadioSelect,
        help_text=_("The Network selects speakers with due regard to gender balance."),
    )
    summary = forms.CharField(
        label=_("What would the speaker present?"),
        help_text=_("A short summary, at most 2,000 characters."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        help_text=_("Why you would like to serve in this role; at most 4,000 characters."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    experience = forms.CharField(
        label=_("Relevant experience"),
        help_text=_(
            "For example: reporting on consultations, drafting summaries, the GCM and its "
            "review; at most 4,000 characters."
        ),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    expertise = forms.CharField(
        label=_("Your expertise across the session's GCM objectives"),
        help_text=_(
            "Say which objectives of the session you chose you know well, and how; at most "
            "4,000 characters. The objectives of each session are listed above."
        ),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    cv = forms.FileField(label=_("CV (PDF, up to 10 MB)"))

    def __init__(self, *args, call: Call, expression: ExpressionOfInterest | None = None, **kw):
        if expression is not None and not kw.get("initial"):
            kw["initial"] = {
                name: getattr(expression, name)
                for name in call.fields
                if name not in ("cv", "session")
            }
            kw["initial"]["session"] = expression.session_id
        super().__init__(*args, **kw)
        self.call = call
        for name in list(self.fields):
            if name not in call.fields:
                del self.fields[name]
        if "session" in self.fields:
            self.fields["session"].queryset = call.meeting.sessions.filter(
                kind=Session.Kind.THEMATIC
            ).order_by("number", "starts_at")
        if call.role == Call.Role.CO_CHAIR:
            self.fields["speaker_name"].label = _("Name of the high-level representative")
        if "cv" in self.fields and expression is not None and expression.cv:
            self.fields["cv"].required = False
            self.fields["cv"].label = _("A new CV to replace the one you sent (PDF, up to 10 MB)")
            self.fields["cv"].help_text = _("Leave empty to keep your current CV.")
        if "cv" in self.fields:
            self.fields["cv"].error_messages["required"] = _("Attach your CV as a PDF file.")
            self.fields["cv"].widget.attrs["accept"] = "application/pdf,.pdf"

    def clean_cv(self):
        cv = self.cleaned_data.get("cv")
        if cv:
            validate_upload(cv, allowed={PDF}, max_bytes=CV_MAX_BYTES)
        return cv


class StaffNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Internal note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by Network staff only."),
    )


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
