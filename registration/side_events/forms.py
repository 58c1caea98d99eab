from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    DESCRIPTION_MAX_CHARS,
    ORGANISERS_MAX_CHARS,
    REASON_MAX_CHARS,
    SEATS_MAX,
    TITLE_MAX_CHARS,
    SideEvent,
)

TIME_INPUT = {"widget": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


class SideEventProposalForm(forms.Form):
    """What an organisation proposes; ``side_event_propose`` checks it against the meeting."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_CHARS,
        error_messages={"required": _("Give the title.")},
    )
    organisers = forms.CharField(
        label=_("Organisers"),
        help_text=_("The organisations that organise it, separated by commas."),
        max_length=ORGANISERS_MAX_CHARS,
        error_messages={"required": _("Name the organisations that organise it.")},
    )
    day = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": _("Choose a day of the meeting."),
            "invalid": _("Give the date as year-month-day."),
        },
    )
    starts = forms.TimeField(
        label=_("Starts at (Geneva time)"),
        input_formats=["%H:%M"],
        error_messages={
            "required": _("Give the time it starts."),
            "invalid": _("Give the time as hours:minutes."),
        },
        **TIME_INPUT,
    )
    ends = forms.TimeField(
        label=_("Ends at (Geneva time)"),
        input_formats=["%H:%M"],
        error_messages={
            "required": _("Give the time it ends."),
            "invalid": _("Give the time as hours:minutes."),
        },
        **TIME_INPUT,
    )
    venue = forms.ChoiceField(
        label=_("Where"),
        choices=SideEvent.Venue.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether it takes place in a room or online.")},
    )
    room = forms.CharField(label=_("Room (in a room)"), max_length=200, required=False)
    online_url = forms.URLField(
        label=_("Web address to join (online)"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Give a web address starting with https://.")},
    )
    description = forms.CharField(
        label=_("Description"),
        help_text=_("Plain text, or simple HTML: paragraphs, lists, emphasis, links."),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=DESCRIPTION_MAX_CHARS,
        error_messages={"required": _("Describe the side event.")},
    )
    sign_up = forms.ChoiceField(
        label=_("How participants sign up"),
        choices=SideEvent.SignUp.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how participants sign up.")},
    )
    registration_url = forms.URLField(
        label=_("Web address of the registration (on the organisers' page)"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Give a web address starting with https://.")},
    )
    seats = forms.IntegerField(
        label=_("Seats (sign-up in this portal)"),
        required=False,
        min_value=1,
        max_value=SEATS_MAX,
        error_messages={"invalid": _("Give a whole number.")},
    )


class SideEventDecisionForm(forms.Form):
    """Staff approve, or decline with a reason for the proposer."""

    reason = forms.CharField(
        label=_("Reason given to the proposer (needed to decline)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX_CHARS,
    )

    def clean(self):
        cleaned = super().clean()
        decision = self.data.get("decision")
        if decision not in ("approve", "decline"):
            raise forms.ValidationError(_("Choose to approve or to decline the side event."))
        if decision == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the side event is declined."))
        cleaned["decision"] = decision
        return cleaned
