from django import forms
from django.utils.translation import gettext_lazy as _

from gcm_review.forms import LocalizedModelMultipleChoiceField, choices_share
from gcm_review.i18n import language_initial
from sessions_app.models import GCMObjective

from .models import ANSWER_MAX_CHARS, CooperationNeed, Submission


def _objectives_field(label):
    return LocalizedModelMultipleChoiceField(
        GCMObjective.objects.order_by("number"),
        label_field="title",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=label,
    )


class SubmissionForm(forms.Form):
    """One box per guiding question, its objectives, and the cooperation areas of (e).

    Fields are named ``answer_<letter>``, ``objectives_<letter>``, ``area_<area>``; the
    version the form was loaded with travels in a hidden field (optimistic locking).
    """

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form is out of date: reload the page, then save again."),
            "invalid": _("This form is out of date: reload the page, then save again."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the answers"), choices=Submission.Language.choices
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"answer_{question.letter}"] = forms.CharField(
                required=False,
                widget=forms.Textarea(attrs={"rows": 10, "class": "rich-text"}),
                label=_("Answer to question (%(letter)s)") % {"letter": question.letter},
                help_text=_(
                    "Paragraphs, lists, bold and links are kept; up to %(limit)s characters."
                )
                % {"limit": f"{ANSWER_MAX_CHARS:,}".replace(",", " ")},
            )
            self.fields[f"objectives_{question.letter}"] = _objectives_field(
                _("GCM objectives this answer concerns")
            )
        for area, label in CooperationNeed.Area.choices:
            self.fields[f"area_{area}"] = _objectives_field(label)
        listed = ("objectives_", "area_")
        choices_share(field for name, field in self.fields.items() if name.startswith(listed))

    def answer_fields(self):
        """(question, answer field, objectives field) for the template."""
        return [
            (q, self[f"answer_{q.letter}"], self[f"objectives_{q.letter}"]) for q in self.questions
        ]

    def area_fields(self):
        return [self[f"area_{area}"] for area in CooperationNeed.Area.values]

    def answers(self) -> dict[str, dict]:
        return {
            q.letter: {
                "text": self.cleaned_data[f"answer_{q.letter}"],
                "objectives": list(self.cleaned_data[f"objectives_{q.letter}"]),
            }
            for q in self.questions
        }

    def cooperation(self) -> dict[str, list]:
        """Areas with at least one objective ticked."""
        return {
            area: list(self.cleaned_data[f"area_{area}"])
            for area in CooperationNeed.Area.values
            if self.cleaned_data[f"area_{area}"]
        }

    @classmethod
    def initial_for(cls, submission, *, user) -> dict:
        """What the saved input holds; while no answer is written, the writer's language."""
        written = any(answer.text for answer in submission.answers.all())
        language = (
            submission.language
            if written
            else language_initial(Submission.Language.values, user=user)
        )
        initial = {"version": submission.version, "language": language}
        for answer in submission.answers.all():
            initial[f"answer_{answer.question.letter}"] = answer.text
            initial[f"objectives_{answer.question.letter}"] = list(answer.objectives.all())
        for need in submission.cooperation_needs.all():
            initial[f"area_{need.area}"] = list(need.objectives.all())
        return initial


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, DOCX or ODT, up to 20 MB)"))


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the State change?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


class ExtensionForm(forms.Form):
    member_state = forms.IntegerField(widget=forms.HiddenInput)
    until = forms.DateTimeField(
        label=_("Extended until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
