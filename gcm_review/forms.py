"""Form pieces every app uses."""

from django import forms

from .i18n import localized


class LocalizedModelChoiceField(forms.ModelChoiceField):
    """Choices labelled in the page language (``label_field`` and its _fr/_ru columns)."""

    def __init__(self, *args, label_field: str = "name", **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return localized(obj, self.label_field)


class LocalizedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args, label_field: str = "name", **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return localized(obj, self.label_field)
