from django import forms
from django.utils.translation import gettext_lazy as _


class ReleaseForm(forms.Form):
    """The note that goes with a release, in English and optionally French and Russian."""

    note, note_fr, note_ru = (
        forms.CharField(
            label=label,
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        for label in (_("Note"), _("Note (French)"), _("Note (Russian)"))
    )
    confirm_version = forms.IntegerField(widget=forms.HiddenInput)
