"""The forms of the Discussion Space: a post or reply, a flag, a moderator's rejection."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gcm_review.i18n import language_initial

from ..models import REASON_MAX_CHARS
from .models import POST_MAX_CHARS, DiscussionPost


def _language_initial(user=None) -> str:
    return language_initial(DiscussionPost.Language.values, user=user)


class PostForm(forms.Form):
    """A post, or a reply when ``parent`` names a published post of the thread."""

    text = forms.CharField(
        label=_("Your contribution"),
        max_length=POST_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Plain text; line breaks are kept. Network staff read every post before it appears."
        ),
        error_messages={"required": _("Write something before posting.")},
    )
    language = forms.ChoiceField(
        label=_("Language of your contribution"), choices=DiscussionPost.Language.choices
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", _language_initial())
        super().__init__(*args, **kwargs)


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should staff look at this post again? (optional)"),
        required=False,
        max_length=REASON_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown to the author"),
        max_length=REASON_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the author a reason for the rejection.")},
    )
