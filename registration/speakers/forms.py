"""Forms for the calls for expressions of interest and the selection board."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gcm_review.forms import LocalizedModelChoiceField
from gcm_review.uploads import PDF, validate_upload
from registration.models import (
    CV_MAX_BYTES,
    Call,
    ExpressionOfInterest,
    User,
)
from sessions_app.models import Session


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
