"""Form pieces every app uses."""

from django import forms
from django.forms.models import ModelChoiceIterator

from .i18n import localized


class ListedChoiceIterator(ModelChoiceIterator):
    """The choices read in one plain query. Django's iterator streams them through a
    server-side cursor (DECLARE, FETCH, CLOSE on PostgreSQL): three round trips for a list of
    56 Member States."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class SharedChoices(ListedChoiceIterator):
    """The choices of one field, listed the first time a field shows them, then reused."""

    def __init__(self, field):
        super().__init__(field)
        self._listed = None

    def __iter__(self):
        if self._listed is None:
            self._listed = list(super().__iter__())
        return iter(self._listed)


def choices_share(fields) -> None:
    """One query for the choices of fields over the same queryset (a form with eleven lists
    of the GCM objectives), instead of one per field. The first field's labels are used."""
    fields = list(fields)
    if fields:
        shared = SharedChoices(fields[0])
        for field in fields:
            field.choices = shared


class LocalizedModelChoiceField(forms.ModelChoiceField):
    """Choices labelled in the page language (``label_field`` and its _fr/_ru columns)."""

    iterator = ListedChoiceIterator

    def __init__(self, *args, label_field: str = "name", **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return localized(obj, self.label_field)


class LocalizedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ListedChoiceIterator

    def __init__(self, *args, label_field: str = "name", **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return localized(obj, self.label_field)
