"""Forms for accounts: the profile, the sign-up fields, focal points and deleting an account."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gcm_review.forms import LocalizedModelChoiceField
from gcm_review.uploads import PDF, validate_upload
from registration.accounts.models import PROFILE_FIELDS
from registration.models import (
    MemberState,
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
        fields = PROFILE_FIELDS
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
