"""Thin tasks: the periodic run that mails the survey once it opens."""

from celery import shared_task

from sessions_app.models import Meeting

from . import services


@shared_task
def feedback_invitations_send() -> int:
    meeting = Meeting.objects.current()
    return services.feedback_invitations_send(meeting=meeting) if meeting else 0
