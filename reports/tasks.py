"""Thin tasks: take ids, call the report services."""

from celery import shared_task
from celery.signals import worker_ready

from . import services
from .reminders import services as reminders


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=9 * 60,
    time_limit=10 * 60,
    bind=True,
)
def report_compile(self, job_id: int) -> int | None:
    version = services.compile_run(job_id=job_id, worker=self.request.hostname or "")
    return version.pk if version else None


@shared_task
def report_compiles_recover() -> list[int]:
    return services.compiles_recover()


@shared_task
def deadline_reminders_send() -> int:
    return reminders.reminders_send()


@worker_ready.connect
def _recover_on_start(sender, **kwargs):
    """A restarted worker picks up the compiles its previous life left half done."""
    services.compiles_recover(worker=getattr(sender, "hostname", ""))
