from django import forms
from django.utils.translation import gettext_lazy as _

from gcm_review.forms import LocalizedModelChoiceField, LocalizedModelMultipleChoiceField
from gcm_review.i18n import localized
from registration.models import MemberState, StakeholderCategory
from sessions_app.models import GCMObjective, Meeting, Session

from .inputs import INPUT_KINDS, InputFilters
from .models import REASON_MAX_CHARS, RECORD_MAX_CHARS, DiscussionPost, KeyMessage, SessionPoint


class ObjectivesField(LocalizedModelMultipleChoiceField):
    """The 23 objectives as checkboxes labelled "16. Empower migrants ..."."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("GCM objectives"))
        super().__init__(
            GCMObjective.objects.order_by("number"),
            label_field="title",
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Tick at least one GCM objective.")},
            **kwargs,
        )

    def label_from_instance(self, obj):
        return f"{obj.number}. {localized(obj, 'title')}"


class KeyMessageForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=KeyMessage.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Text"), max_length=RECORD_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 4})
    )
    session = LocalizedModelChoiceField(
        Session.objects.none(),
        label=_("Thematic session"),
        label_field="title",
        empty_label=_("Choose a thematic session"),
    )
    objectives = ObjectivesField()

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = meeting.sessions.filter(
            kind=Session.Kind.THEMATIC
        ).order_by("number")

    @classmethod
    def initial_for(cls, message: KeyMessage) -> dict:
        return {
            "kind": message.kind,
            "text": message.text,
            "session": message.session_id,
            "objectives": list(message.objectives.all()),
        }


class SessionPointForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=SessionPoint.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Text"), max_length=RECORD_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 4})
    )
    objectives = ObjectivesField()
    raised_by_state = LocalizedModelChoiceField(
        MemberState.objects.order_by("name"),
        label=_("Raised by a Member State"),
        required=False,
        empty_label=_("Not a Member State"),
    )
    raised_by_category = LocalizedModelChoiceField(
        StakeholderCategory.objects.order_by("order"),
        label=_("or raised by a stakeholder category"),
        label_field="label",
        required=False,
        empty_label=_("Not a stakeholder"),
    )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("raised_by_state")) == bool(cleaned.get("raised_by_category")):
            raise forms.ValidationError(
                _("Say who raised it: either a Member State or a stakeholder category.")
            )
        return cleaned

    @classmethod
    def initial_for(cls, point: SessionPoint) -> dict:
        return {
            "kind": point.kind,
            "text": point.text,
            "objectives": list(point.objectives.all()),
            "raised_by_state": point.raised_by_state_id,
            "raised_by_category": point.raised_by_category_id,
        }


class SummaryForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    language = forms.ChoiceField(
        label=_("Language of the summary"),
        choices=[(code, label) for code, label in DiscussionPost.Language.choices],
    )
    body = forms.CharField(
        label=_("Summary of the Multi-stakeholder Consultations and Hearing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "rich-text"}),
        help_text=_("Paragraphs, lists, bold and links are kept; everything else is removed."),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"),
        max_length=REASON_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what should change before returning the summary.")},
    )


class InputFilterForm(forms.Form):
    """The filters of /staff/inputs/, read from the query string."""

    objective = forms.TypedChoiceField(
        label=_("GCM objective"), required=False, coerce=int, empty_value=None
    )
    session = forms.ChoiceField(label=_("Session"), required=False)
    kind = forms.ChoiceField(label=_("Kind of input"), required=False)

    def __init__(self, *args, meeting: Meeting, objectives, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = {s.slug: s for s in sessions}
        self.fields["objective"].choices = [("", _("All objectives"))] + [
            (o.number, f"{o.number}. {localized(o, 'short_label')}") for o in objectives
        ]
        self.fields["session"].choices = [("", _("All sessions"))] + [
            (s.slug, localized(s, "title")) for s in sessions
        ]
        self.fields["kind"].choices = [("", _("All kinds"))] + list(INPUT_KINDS.items())

    def filters(self) -> InputFilters:
        if not self.is_valid():
            return InputFilters()
        data = self.cleaned_data
        return InputFilters(
            objective=data["objective"],
            session=self.sessions.get(data["session"]),
            kind=data["kind"] or None,
        )
