"""A service's refusal (a ``ValidationError``) shown on the form it came from."""

from django.core.exceptions import ValidationError


def form_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def form_errors(form, error: ValidationError) -> None:
    """A service's refusal on the form: on the fields it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
