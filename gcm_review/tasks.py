"""Thin tasks: take ids, call the outbox service."""

from datetime import timedelta

from celery import shared_task

from . import outbox


@shared_task(acks_late=True)
def outbox_send(email_id: int) -> bool:
    return outbox.email_send(email_id=email_id)


@shared_task
def outbox_retry_unsent(older_than_seconds: int = 30) -> int:
    """Send what the broker outage (or a mail server error) left behind; returns how many."""
    ids = outbox.emails_unsent(older_than=timedelta(seconds=older_than_seconds))
    return sum(outbox.email_send(email_id=pk) for pk in ids)
