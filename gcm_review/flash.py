"""Saying on the next page what became of a step."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def errors_flash(request, error: ValidationError) -> None:
    """Each message of a refused step as an error on the next page."""
    for message in error.messages:
        messages.error(request, message)
