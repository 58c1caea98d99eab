"""Faults the portal has to survive, with real processes: Redis stopping while people use the
portal, and a Celery worker killed with SIGKILL in the middle of a report compile.

Each Redis here is a private ``redis-server`` on a free loopback port, started by the test and
killed by it (never the shared Redis). It keeps nothing on disk, so a kill loses whatever it
held, the worst case. Workers are real ``celery worker`` subprocesses on the test database;
mail leaves them over SMTP to a small sink in this process, which counts what arrives.
"""

import contextlib
import copy
import datetime
import email
import email.policy
import os
import signal
import socket
import socketserver
import subprocess
import threading
import time
from pathlib import Path

import pytest
import redis
import yaml
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from gcm_review.celery import app as celery_app
from gcm_review.models import OutgoingEmail
from gcm_review.tasks import outbox_retry_unsent
from registration import services as registration_services
from registration.models import Registration, StakeholderCategory
from reports import services as report_services
from reports.models import ReportVersion
from submissions.models import DiscussionPost, DiscussionThread, Submission
from tests.conftest import PASSWORD, make_user
from tests.html import texts
from tests.registration.test_bad_input import registration_post
from tests.reports.test_worker import Worker, job_state, wait_for
from tests.submissions.conftest import deadline_open, input_make

ROOT = Path(__file__).resolve().parents[1]
# While Redis is down a page that writes mail waits for the broker's connect timeout
# (CELERY_BROKER_CONNECTION_TIMEOUT, 2 s) once; it must still answer well within this.
PAGE_SECONDS = 6


# A private Redis ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """``redis-server`` on a loopback port, in the foreground, without persistence."""

    def __init__(self, port: int, log: Path):
        self.port, self.log_path, self.process = port, log, None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--daemonize",
                    "no",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_for(
            self.answers, timeout=10, message=f"redis-server on port {self.port} never answered"
        )

    def answers(self) -> bool:
        """True when something on the port answers PING (a plain socket: no client retries)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()


@pytest.fixture
def private_redis(tmp_path):
    server = RedisServer(free_port(), tmp_path / "redis.log")
    server.start()
    yield server
    server.stop()


def _broker_connections_reset() -> None:
    """Drop the process's pooled broker connections, so the next publish connects anew."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def portal_redis(private_redis, settings):
    """The portal's cache and Celery broker on the private Redis, set up as ``REDIS_URL``
    sets them in settings.py (same backend and options, only the address differs); workers
    started by the test get the same address."""
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.fail("Fault tests need PostgreSQL and Redis: run them with `make test`.")
    settings.REDIS_URL = private_redis.url
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["LOCATION"] = private_redis.url
    settings.CACHES = caches
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager)
    conf.broker_url, conf.task_always_eager = private_redis.url, False
    _broker_connections_reset()
    yield private_redis
    conf.broker_url, conf.task_always_eager = saved
    _broker_connections_reset()


# Workers -----------------------------------------------------------------------------------


@pytest.fixture
def workers(settings):
    """``workers(**options)`` starts a Worker; every one, and any pool process left behind by
    a killed one, is gone when the test ends."""
    started, strays = [], []

    def start(**options) -> Worker:
        worker = Worker(settings.MEDIA_ROOT, **options)
        started.append(worker)
        return worker

    start.strays = strays
    yield start
    for worker in started:
        worker.stop()
    for pid in strays:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def pid_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# An SMTP sink ------------------------------------------------------------------------------


class _SmtpSession(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink ESMTP")
        recipients, lines, in_data = [], [], False
        for raw in self.rfile:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if line == ".":
                    self.server.keep(recipients, "\n".join(lines))
                    recipients, lines, in_data = [], [], False
                    self.reply("250 OK: queued")
                else:
                    lines.append(line[1:] if line.startswith(".") else line)
                continue
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(line.split(":", 1)[1].split()[0].strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                in_data = True
                self.reply("354 End data with <CR><LF>.<CR><LF>")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")


class MailSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SmtpSession)
        self.lock, self.received = threading.Lock(), []

    def keep(self, recipients: list[str], text: str) -> None:
        message = email.message_from_string(text, policy=email.policy.default)
        with self.lock:
            self.received.extend((to, str(message["subject"])) for to in recipients)

    def mails(self) -> list[tuple[str, str]]:
        """(recipient, subject) of everything delivered so far, sorted."""
        with self.lock:
            return sorted(self.received)

    @property
    def worker_env(self) -> dict[str, str]:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.server_address[1]),
        }


@pytest.fixture
def mail_sink():
    sink = MailSink()
    thread = threading.Thread(target=sink.serve_forever, daemon=True)
    thread.start()
    yield sink
    sink.shutdown()
    sink.server_close()
    thread.join(timeout=5)


# 1. Redis stops while people register, submit and post ----------------------------------


@pytest.fixture
def meeting_open(registration_open):
    """Registration, written inputs and the Discussion Space are all open."""
    deadline_open(registration_open)
    now = timezone.now()
    DiscussionThread.objects.filter(meeting=registration_open).update(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30)
    )
    return registration_open


class Browser:
    """The Django test client, following redirects, timing each page and reading its
    messages."""

    def __init__(self, client):
        self.client, self.seconds = client, {}

    def go(self, method: str, url: str, data=None):
        started = time.monotonic()
        response = getattr(self.client, method)(url, data or {}, follow=True)
        self.seconds[f"{method.upper()} {url}"] = round(time.monotonic() - started, 1)
        return response

    def sign_in(self, user):
        self.client.logout()
        return self.go("post", "/accounts/login/", {"login": user.email, "password": PASSWORD})


def messages_shown(response) -> list[str]:
    content = response.content.decode()
    start = content.find('<ul class="messages">')
    return texts(content[start : content.index("</ul>", start)], "li") if start >= 0 else []


def answer_form(version: int) -> dict:
    data = {"version": version, "language": "en"}
    data.update({f"answer_{letter}": f"<p>Armenia on question {letter}.</p>" for letter in "abcde"})
    return data


RECEIVED = "[GCM Regional Review] We have received your registration"
APPROVED = "[GCM Regional Review] Your registration is approved"
PUBLISHED = "[GCM Regional Review] Your written input is published"
INPUT_RECEIVED = "[GCM Regional Review] We have received your written input"
POST_TEXT = "Labour mobility schemes need portable social security."


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_while_redis_is_down_people_sign_in_register_submit_and_post_and_every_mail_goes_out_once(
    client, portal_redis, mail_sink, workers, meeting_open, stakeholder, focal_point_a, staff_user
):
    # Before the outage: Ben registers; the task that would mail him waits in Redis (no
    # worker yet), and the public list of written inputs is cached there.
    ben = make_user(
        "ben@example.org", stakeholder_category=StakeholderCategory.objects.get(slug="academia")
    )
    registration_services.registration_submit(
        user=ben,
        meeting=meeting_open,
        profile={},
        choices={"parts": "both", "attendance": "online", "consent_privacy": True},
    )
    browser = Browser(client)
    assert browser.go("get", "/submissions/").status_code == 200
    in_redis = redis.Redis.from_url(portal_redis.url)
    assert (in_redis.llen("celery"), len(in_redis.keys("*page:*")) > 0) == (1, True)
    in_redis.close()

    portal_redis.kill()
    assert portal_redis.answers() is False

    # Sofia signs in (her session is a database row) and registers.
    response = browser.sign_in(stakeholder)
    assert (response.status_code, response.redirect_chain) == (200, [("/my/", 302)])
    assert response.context["user"] == stakeholder
    assert Session.objects.filter(session_key=client.session.session_key).count() == 1
    response = browser.go(
        "post",
        "/register/",
        registration_post(
            **{"profile-full_name": "Sofia Stakeholder", "registration-parts": "hearing"}
        ),
    )
    assert (response.status_code, response.redirect_chain, messages_shown(response)) == (
        200,
        [("/my/", 302)],
        ["Thank you for registering. Network staff will review your registration."],
    )

    # Sofia posts in the Discussion Space.
    response = browser.go("post", "/discussion/session-3/", {"text": POST_TEXT, "language": "en"})
    post = DiscussionPost.objects.get()
    assert (response.status_code, response.redirect_chain, messages_shown(response)) == (
        200,
        [(f"/discussion/session-3/#post-{post.pk}", 302)],
        [
            "Thank you. Your post waits for moderation: it appears to others once Network "
            "staff approve it."
        ],
    )

    # Armenia's focal point signs in, saves and submits the written input.
    assert browser.sign_in(focal_point_a).redirect_chain == [("/my/", 302)]
    response = browser.go("post", "/my/submission/", answer_form(1))
    assert (response.status_code, messages_shown(response)) == (
        200,
        ["Your written input has been saved."],
    )
    response = browser.go("post", "/my/submission/submit/", {"version": 2})
    assert (response.status_code, messages_shown(response)) == (
        200,
        ["Thank you: your written input has been sent to the Network for review."],
    )

    # Staff sign in and approve Sofia's registration, which mails her.
    assert browser.sign_in(staff_user).redirect_chain == [("/my/", 302)]
    sofia = Registration.objects.get(user=stakeholder)
    response = browser.go(
        "post", "/staff/registrations/", {"action": "approve", "registrations": [sofia.pk]}
    )
    assert (response.status_code, messages_shown(response)) == (200, ["1 registration updated."])

    # The public list is built from the database.
    client.logout()
    response = browser.go("get", "/submissions/")
    assert response.status_code == 200

    slow = {page: s for page, s in browser.seconds.items() if s >= PAGE_SECONDS}
    assert slow == {}, f"pages slower than {PAGE_SECONDS} s while Redis was down"

    # Every change is in the database once; the mails wait, unsent.
    assert list(
        Registration.objects.order_by("user__email").values_list("user__email", "status")
    ) == [("ben@example.org", "pending"), ("sofia@example.org", "approved")]
    assert list(DiscussionPost.objects.values_list("author__email", "text", "status")) == [
        ("sofia@example.org", POST_TEXT, "pending")
    ]
    submission = Submission.objects.get()
    assert (submission.member_state.iso_alpha3, submission.status) == ("ARM", "submitted")
    assert list(submission.revisions.order_by("number").values_list("action", flat=True)) == [
        "saved",
        "submitted",
    ]
    assert sorted(OutgoingEmail.objects.values_list("to", "subject", "sent_at")) == [
        ("anahit@mfa.example.am", INPUT_RECEIVED, None),
        ("ben@example.org", RECEIVED, None),
        ("sofia@example.org", RECEIVED, None),
        ("sofia@example.org", APPROVED, None),
    ]
    assert mail_sink.mails() == []

    # Redis comes back empty (Ben's task died with it); a worker starts, and the retry that
    # beat sends every minute sends what waited.
    portal_redis.start()
    workers(env=mail_sink.worker_env)
    celery_app.send_task("gcm_review.tasks.outbox_retry_unsent", kwargs={"older_than_seconds": 0})
    wait_for(
        lambda: len(mail_sink.mails()) >= 4,
        timeout=60,
        message=f"the waiting mails never reached the SMTP server: {mail_sink.mails()}",
    )

    # With Redis back, the web process publishes again by itself: staff publish the input
    # and the worker mails the focal point straight away.
    browser.sign_in(staff_user)
    response = browser.go("post", f"/staff/submissions/{submission.pk}/publish/")
    assert (response.status_code, messages_shown(response)) == (200, ["The input is published."])
    wait_for(
        lambda: len(mail_sink.mails()) >= 5,
        timeout=60,
        message=f"the publication mail never reached the SMTP server: {mail_sink.mails()}",
    )

    # A later retry finds nothing left to send; each mail went out exactly once.
    assert outbox_retry_unsent(older_than_seconds=0) == 0
    assert mail_sink.mails() == [
        ("anahit@mfa.example.am", INPUT_RECEIVED),
        ("anahit@mfa.example.am", PUBLISHED),
        ("ben@example.org", RECEIVED),
        ("sofia@example.org", RECEIVED),
        ("sofia@example.org", APPROVED),
    ]
    assert sorted(
        (mail.to, mail.subject, mail.attempts, mail.sent_at is None)
        for mail in OutgoingEmail.objects.all()
    ) == [
        ("anahit@mfa.example.am", INPUT_RECEIVED, 1, False),
        ("anahit@mfa.example.am", PUBLISHED, 1, False),
        ("ben@example.org", RECEIVED, 1, False),
        ("sofia@example.org", RECEIVED, 1, False),
        ("sofia@example.org", APPROVED, 1, False),
    ]


# 2. A worker killed with SIGKILL during a report compile ---------------------------------

# Long enough answers that laying out the compendium's PDF takes seconds, not milliseconds.
PARAGRAPH = (
    "<p>"
    + " ".join(
        ["Regional cooperation on labour migration and the rights of migrants improved."] * 8
    )
    + "</p>"
)
STATES = ("ALB", "ARM", "AUT", "AZE", "BEL", "BIH", "BLR", "BGR")


@pytest.fixture
def long_compendium(meeting, staff_user):
    """Eight published written inputs of four paragraphs per answer: about fifty pages."""
    deadline_open(meeting)
    for iso3 in STATES:
        input_make(meeting, iso3, staff=staff_user, answers=dict.fromkeys("abcde", PARAGRAPH * 4))
    return report_services.report_get_or_create(meeting=meeting)


def wait_until_laying_out_the_pdf(job_id: int) -> None:
    """Poll quickly until the worker is in the PDF stage, the long part of a compile."""
    wait_for(
        lambda: job_state(job_id)[:2] == ("running", "pdf"),
        timeout=60,
        step=0.01,
        message=f"the compile never reached the PDF stage: {job_state(job_id)}",
    )


def wait_until_finished(job_id: int) -> None:
    wait_for(
        lambda: job_state(job_id)[0] in ("done", "failed"),
        timeout=90,
        step=0.1,
        message=f"the compile never finished: {job_state(job_id)}",
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_pool_process_killed_mid_compile_is_replaced_and_the_compile_is_redelivered_once(
    portal_redis, workers, long_compendium, staff_user
):
    worker = workers(pool="prefork", concurrency=1)
    job = report_services.compile_request(
        report=long_compendium, by=staff_user, with_compendium=True
    )
    wait_until_laying_out_the_pdf(job.pk)
    [child] = worker.children()
    os.kill(child, signal.SIGKILL)
    assert ReportVersion.objects.count() == 0

    wait_until_finished(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.attempts, job.percent) == ("done", "", 2, 100)
    assert list(ReportVersion.objects.values_list("number", flat=True)) == [1]
    assert job.version.number == 1
    assert (worker.process.poll(), len(worker.children())) == (None, 1)
    assert worker.children() != [child]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_whole_worker_killed_mid_compile_and_started_again_finishes_the_compile_once(
    portal_redis, workers, long_compendium, staff_user
):
    first = workers(pool="prefork", concurrency=1)
    job = report_services.compile_request(
        report=long_compendium, by=staff_user, with_compendium=True
    )
    wait_until_laying_out_the_pdf(job.pk)
    # The worker's main process is killed (the OOM killer, `docker kill`); its pool process,
    # which was laying out the PDF, dies with it (Celery sets PR_SET_PDEATHSIG on it).
    pool = first.children()
    workers.strays.extend(pool)
    first.kill()
    wait_for(
        lambda: not any(pid_alive(pid) for pid in pool),
        timeout=10,
        message="the killed worker's pool process outlived it",
    )
    assert (job_state(job.pk)[0], ReportVersion.objects.count()) == ("running", 0)

    # The worker comes back under the same name (a restarted container) and picks the job up.
    second = workers(pool="prefork", concurrency=1)
    wait_until_finished(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.attempts, job.percent) == ("done", "", 2, 100)
    assert list(ReportVersion.objects.values_list("number", flat=True)) == [1]
    assert second.process.poll() is None


# 3. The settings that make those hold --------------------------------------------------------


def test_tasks_are_acknowledged_after_they_run_and_requeued_when_their_worker_dies():
    conf = celery_app.conf
    assert (conf.task_acks_late, conf.task_reject_on_worker_lost) == (True, True)
    assert conf.worker_prefetch_multiplier == 1


def test_redis_redelivers_a_task_only_after_the_longest_task_may_have_run():
    """Redis hands an unacknowledged message to another worker after the visibility timeout;
    sooner, and a long compile would run twice at once."""
    celery_app.loader.import_default_modules()
    limits = [celery_app.conf.task_time_limit] + [
        task.time_limit for task in celery_app.tasks.values() if task.time_limit
    ]
    visibility = celery_app.conf.broker_transport_options["visibility_timeout"]
    assert "reports.tasks.report_compile" in celery_app.tasks
    assert visibility > max(limits)


def test_docker_compose_redis_keeps_its_data_on_a_volume_with_the_append_only_file():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    service = compose["services"]["redis"]
    command = service["command"]
    command = command if isinstance(command, list) else command.split()
    assert command[command.index("--appendonly") + 1] == "yes"
    data_volumes = [v.split(":", 1) for v in service.get("volumes", [])]
    assert [target for name, target in data_volumes if name in compose["volumes"]] == ["/data"]


def test_sessions_live_in_the_database_so_signing_in_does_not_need_redis():
    from importlib import import_module

    from django.contrib.sessions.backends.db import SessionStore

    engine = import_module(django_settings.SESSION_ENGINE)
    assert issubclass(engine.SessionStore, SessionStore)
