"""The report pipeline with a real Celery worker (a subprocess) and Redis."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from gcm_review.celery import app as celery_app
from reports import services
from reports.models import CompileJob, ReportVersion
from tests.reports.test_compile import pdf_text

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def broker():
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.fail("Worker tests need PostgreSQL and Redis: run them with `make test`.")
    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = settings.REDIS_URL
    return settings.REDIS_URL


def child_pids(pid: int) -> list[int]:
    """The live child processes of ``pid``, read from /proc."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            children.append(int(stat.parent.name))
    return sorted(children)


class Worker:
    """A Celery worker in its own process, on the test database."""

    def __init__(self, media_root, *, pool="solo", concurrency=1, env=None):
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "MEDIA_ROOT": str(media_root),
            "SITE_URL": settings.SITE_URL,
            **(env or {}),
        }
        self.log = open(Path(media_root).parent / "worker.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "gcm_review",
                "worker",
                f"--pool={pool}",
                f"--concurrency={concurrency}",
                "--loglevel=info",
                "-n",
                "report-test@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def children(self) -> list[int]:
        """The pids of the worker's pool processes (none with the solo pool)."""
        return child_pids(self.process.pid)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@pytest.fixture
def worker_factory(broker, settings, tmp_path):
    workers = []

    def start():
        worker = Worker(settings.MEDIA_ROOT)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def wait_for(predicate, timeout=120, step=0.05, message="timed out waiting"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"{message} (after {timeout} s)")


def job_state(job_id):
    return CompileJob.objects.values_list("status", "stage", "attempts").get(pk=job_id)


def test_a_worker_compiles_the_report_into_a_pdf(review_data, worker_factory, staff_user):
    worker_factory()
    report = services.report_get_or_create(meeting=review_data)
    job = services.compile_request(report=report, by=staff_user, with_compendium=True)
    wait_for(lambda: job_state(job.pk)[0] in ("done", "failed"))
    job.refresh_from_db()
    assert (job.status, job.error, job.percent) == ("done", "", 100)
    text = pdf_text(job.version)
    assert "Written inputs received" in text
    assert "3 participants were accredited." in text
    assert "Kazakhstan" in text
    assert "Казахстан укрепляет региональное сотрудничество" in text


def test_a_killed_worker_is_replaced_and_the_compile_finishes_once(
    review_data, worker_factory, staff_user
):
    first = worker_factory()
    report = services.report_get_or_create(meeting=review_data)
    job = services.compile_request(report=report, by=staff_user, with_compendium=True)
    wait_for(lambda: job_state(job.pk)[0] == "running", step=0.01)
    first.kill()
    assert job_state(job.pk)[0] == "running"

    worker_factory()
    wait_for(lambda: job_state(job.pk)[0] in ("done", "failed"))
    status, _stage, attempts = job_state(job.pk)
    assert (status, attempts) == ("done", 2)
    assert list(ReportVersion.objects.values_list("number", flat=True)) == [1]


def test_a_second_compile_while_one_runs_is_refused(review_data, worker_factory, staff_user):
    worker_factory()
    report = services.report_get_or_create(meeting=review_data)
    job = services.compile_request(report=report, by=staff_user, with_compendium=True)
    with pytest.raises(services.CompileAlreadyRunning):
        services.compile_request(report=report, by=staff_user, with_compendium=False)
    wait_for(lambda: job_state(job.pk)[0] in ("done", "failed"))
    assert (CompileJob.objects.count(), ReportVersion.objects.count()) == (1, 1)
