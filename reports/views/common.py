"""What the report's pages share."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from sessions_app.selectors import meeting_current

from .. import services


def _report():
    return services.report_get_or_create(meeting=meeting_current())


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)
