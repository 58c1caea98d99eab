"""Writes for the summary report: its outline and compiling its versions.

Circulation, comments and publication are in ``circulation``.

Compiling runs in a Celery worker: ``compile_request`` records a job and enqueues the task
after commit; ``compile_run`` (the task's body) gathers the data, renders the HTML, makes the
PDF with WeasyPrint and stores an immutable numbered version. At most one job per report is
active (a partial unique constraint), and on PostgreSQL the run also holds an advisory lock,
so two compiles of one report never run at once. A job whose worker died is picked up again
by ``compiles_recover`` (when a worker starts, and every minute from celery beat).
"""

import datetime
import logging
import time
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from gcm_review.page_cache import content_changed
from gcm_review.text import html_sanitise, is_web_address
from registration.models import User
from sessions_app.models import Meeting

from .compilation import report_data
from .models import (
    CompileJob,
    Quote,
    Report,
    ReportVersion,
    Section,
)

logger = logging.getLogger(__name__)
# A running job is presumed dead only past the task's hard time limit (10 minutes): WeasyPrint
# sends no heartbeat while it lays out a long compendium. A restarted worker picks up its own
# jobs at once (by hostname).
HEARTBEAT_STALE = datetime.timedelta(minutes=11)
# A queued job whose message was lost (broker down when it was requested) is sent again.
QUEUED_STALE = datetime.timedelta(minutes=2)

DEFAULT_OUTLINE = [
    ("Introduction and mandate", ""),
    ("Participation", Section.Compiled.PARTICIPATION),
    ("Speakers", Section.Compiled.SPEAKERS),
    ("Regional trends", ""),
    ("Written inputs received", Section.Compiled.WRITTEN_INPUTS),
    ("GCM objectives covered", Section.Compiled.COVERAGE),
    ("Progress and challenges: thematic session 1", ""),
    ("Progress and challenges: thematic session 2", ""),
    ("Progress and challenges: thematic session 3", ""),
    ("Progress and challenges: thematic session 4", ""),
    ("Key points and recommendations by session", Section.Compiled.SESSION_RECORDS),
    ("Feedback from participants", Section.Compiled.FEEDBACK),
    ("Cross-cutting guiding principles", ""),
    ("Stakeholder messages", ""),
    ("Recommendations and areas for cooperation", ""),
    ("Areas for strengthened cooperation named by Member States", Section.Compiled.COOPERATION),
    ("The way forward to the 2026 International Migration Review Forum", ""),
    ("Annex I: published written inputs", Section.Compiled.ANNEX_INPUTS),
    ("Annex II: compendium of written inputs", Section.Compiled.COMPENDIUM),
]


# Outline ------------------------------------------------------------------------------------


@transaction.atomic
def report_get_or_create(*, meeting: Meeting) -> Report:
    """The meeting's report, created with the default outline the first time."""
    report, created = Report.objects.get_or_create(
        meeting=meeting,
        defaults={"title": f"Summary report of the {meeting.name}"},
    )
    if created:
        Section.objects.bulk_create(
            Section(report=report, order=index * 10, title=title, compiled=compiled)
            for index, (title, compiled) in enumerate(DEFAULT_OUTLINE, start=1)
        )
    return report


def section_update(*, section: Section, by: User, title: str, body: str) -> Section:
    section.title = title.strip() or section.title
    section.body = html_sanitise(body)
    section.updated_by = by
    section.save(update_fields=["title", "body", "updated_by", "updated_at"])
    return section


@transaction.atomic
def section_add(*, report: Report, by: User, title: str) -> Section:
    last = report.sections.aggregate(last=Max("order"))["last"] or 0
    return Section.objects.create(report=report, order=last + 10, title=title, updated_by=by)


@transaction.atomic
def section_move(*, section: Section, direction: int) -> int | None:
    """Swap a section with its neighbour above (-1) or below (+1) in the outline; its new
    position (1 for the first), or None when it is already first or last."""
    sections = list(section.report.sections.order_by("order", "pk"))
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    other = index + direction
    if not 0 <= other < len(sections):
        return None
    sections[index], sections[other] = sections[other], sections[index]
    for position, item in enumerate(sections, start=1):
        item.order = position * 10
    Section.objects.bulk_update(sections, ["order"])
    content_changed()
    return other + 1


def section_delete(*, section: Section) -> None:
    if section.compiled:
        raise ValidationError(_("Parts compiled from data stay in the outline; move them instead."))
    section.delete()


def quote_add(*, section: Section, text: str, source: str, source_url: str = "") -> Quote:
    if not text.strip():
        raise ValidationError(_("There is nothing to quote."))
    source_url = source_url.strip()
    if source_url and not is_web_address(source_url):
        raise ValidationError(_("The link of a quote must be a web address (https://…)."))
    return Quote.objects.create(
        section=section, text=text.strip(), source=source, source_url=source_url
    )


# Compiling ----------------------------------------------------------------------------------


class CompileAlreadyRunning(ValidationError):
    pass


def compile_request(
    *, report: Report, by: User | None, with_compendium: bool, enqueue: bool = True
) -> CompileJob:
    """Queue a compile; refused while another compile of the report is queued or running.

    With ``enqueue=False`` the caller runs ``compile_run`` itself (the command's --sync).
    """
    try:
        with transaction.atomic():
            job = CompileJob.objects.create(
                report=report, requested_by=by, with_compendium=with_compendium
            )
            if enqueue:
                transaction.on_commit(lambda: _enqueue(job.pk))
    except IntegrityError:
        raise CompileAlreadyRunning(
            _("A compile of this report is already under way; wait for it to finish.")
        ) from None
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import report_compile

    try:
        report_compile.apply_async(args=[job_id], retry=False)
    except Exception:  # noqa: BLE001 - the broker is down: compiles_recover queues it later
        logger.warning("Broker unreachable; compile job %s waits for recovery", job_id)


def compile_run(*, job_id: int, worker: str = "") -> ReportVersion | None:
    """Compile one job into a new version; safe to call twice (the second does nothing)."""
    with _report_lock(job_id) as locked:
        if not locked:
            return None
        job = _job_start(job_id, worker)
        if job is None:
            return None
        try:
            return _compile(job)
        except Exception as error:
            CompileJob.objects.filter(pk=job.pk).update(
                status=CompileJob.Status.FAILED,
                error=f"{type(error).__name__}: {error}"[:2000],
                finished_at=timezone.now(),
            )
            raise


@contextmanager
def _report_lock(job_id: int):
    """On PostgreSQL, a session advisory lock per report, freed if the worker dies."""
    if connection.vendor != "postgresql":
        yield True
        return
    report_id = CompileJob.objects.filter(pk=job_id).values_list("report_id", flat=True).first()
    if report_id is None:
        yield False
        return
    key = 7_000_000 + report_id
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        locked = cursor.fetchone()[0]
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def _job_start(job_id: int, worker: str) -> CompileJob | None:
    with transaction.atomic():
        job = (
            CompileJob.objects.select_for_update()
            .select_related("report__meeting")
            .filter(pk=job_id, status__in=CompileJob.ACTIVE)
            .first()
        )
        if job is None:
            return None
        job.status, job.worker = CompileJob.Status.RUNNING, worker
        job.attempts += 1
        job.started_at = job.heartbeat_at = timezone.now()
        job.stage, job.percent = "gathering", 5
        job.save()
    return job


def _progress(job: CompileJob, stage: str, percent: int) -> None:
    CompileJob.objects.filter(pk=job.pk).update(
        stage=stage, percent=percent, heartbeat_at=timezone.now()
    )


def report_document(*, report: Report, with_compendium: bool, number: int) -> tuple[dict, str]:
    """The data snapshot and the print HTML of version ``number`` (the portal's own work)."""
    now = timezone.localtime()
    with translation.override("en"):
        data = report_data(report=report, with_compendium=with_compendium)
        html = render_to_string(
            "reports/document.html",
            {"data": data, "number": number, "compiled_at": f"{now.day} {now:%B %Y}"},
        )
    return data, html


def report_pdf(html: str) -> tuple[bytes, int]:
    """The PDF of the report's HTML and its page count (WeasyPrint's work); only our static
    files may be fetched."""
    from django.conf import settings
    from weasyprint import HTML

    from gcm_review.pdf import StaticFilesOnlyFetcher

    fetcher = StaticFilesOnlyFetcher(settings.SITE_URL)
    document = HTML(string=html, base_url=settings.SITE_URL, url_fetcher=fetcher).render()
    return document.write_pdf(pdf_tags=True), len(document.pages)


def _compile(job: CompileJob) -> ReportVersion:
    started = time.monotonic()
    report = job.report
    number = (report.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    data, html = report_document(report=report, with_compendium=job.with_compendium, number=number)
    _progress(job, "pdf", 45)
    pdf, pages = report_pdf(html)
    _progress(job, "saving", 90)
    with transaction.atomic():
        job = CompileJob.objects.select_for_update().get(pk=job.pk)
        version = ReportVersion(
            report=report,
            number=number,
            html=html,
            data=data,
            with_compendium=job.with_compendium,
            page_count=pages,
            seconds=round(time.monotonic() - started, 2),
            created_by=job.requested_by,
        )
        version.pdf.save(f"summary-report-v{number}.pdf", ContentFile(pdf), save=False)
        version.save()
        job.version, job.status = version, CompileJob.Status.DONE
        job.stage, job.percent, job.finished_at = "done", 100, timezone.now()
        job.save()
    return version


def compiles_recover(*, worker: str = "", now: datetime.datetime | None = None) -> list[int]:
    """Queue again the jobs whose worker died: those of ``worker`` (restarting) or gone quiet."""
    now = now or timezone.now()
    stale = CompileJob.objects.filter(status=CompileJob.Status.RUNNING).filter(
        heartbeat_at__lt=now - HEARTBEAT_STALE
    )
    if worker:
        stale = stale | CompileJob.objects.filter(status=CompileJob.Status.RUNNING, worker=worker)
    ids = list(stale.values_list("pk", flat=True))
    ids += list(
        CompileJob.objects.filter(
            status=CompileJob.Status.QUEUED, created_at__lt=now - QUEUED_STALE
        ).values_list("pk", flat=True)
    )
    CompileJob.objects.filter(pk__in=ids).update(status=CompileJob.Status.QUEUED)
    for job_id in ids:
        _enqueue(job_id)
    return ids


def compile_retry(*, job: CompileJob, by: User) -> CompileJob:
    """Try a failed compile again, as a new job."""
    return compile_request(report=job.report, by=by, with_compendium=job.with_compendium)
