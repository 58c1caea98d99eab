"""The current meeting's details for pages that no view of ours renders (allauth's)."""

from django import template

from sessions_app.models import Meeting

register = template.Library()


@register.simple_tag
def meeting_contact_email() -> str:
    """The address the Network answers at, as staff set it on the meeting ("" if none)."""
    meeting = Meeting.objects.current()
    return meeting.contact_email if meeting else ""
