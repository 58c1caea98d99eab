"""What bench.pages measures: its data (the seeded 2024 meeting, 56 published inputs, 120
Discussion Space posts, 500 registrations, a published report and people signed in) and its
rows, one per page and language."""

import random
from dataclasses import dataclass, replace

from . import BARE_PATH, data
from .cache_switch import HEADER as CACHE_HEADER
from .cache_switch import OFF as CACHE_OFF

LANGUAGES = ("en", "fr", "ru")
POSTS = 120
REGISTRATIONS = 500
HTML, PDF, JSON, CSV = "text/html", "application/pdf", "application/json", "text/csv"
ICS = "text/calendar"
# The aims of issue 15, by kind of page: (share of the bare view's req/s, p95 in ms or None).
AIMS = {
    "public": (0.40, 50),
    "search": (0.25, None),
    "data": (0.40, None),
    "signed_in": (0.15, None),
    "none": None,  # shown for what the cache saves, no aim of its own
}


@dataclass(frozen=True)
class Row:
    page: str
    path: str  # without the language prefix
    aim: str  # a key of AIMS
    content_type: str = HTML
    language: str = "en"
    role: str | None = None  # whose sessions read it (a key of the plan's sessions)
    cache_off: bool = False
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.page}:{self.language}" if self.language else self.page

    @property
    def url(self) -> str:
        return f"/{self.language}{self.path}" if self.language not in ("", "en") else self.path

    @property
    def request_headers(self) -> dict:
        return {CACHE_HEADER: CACHE_OFF} if self.cache_off else {}


def bare_row(page: str) -> Row:
    return Row(page, BARE_PATH, "none", "text/plain", language="")


def rows_planned(plan: dict, languages: tuple[str, ...]) -> list[Row]:
    """The bare view first and last (the run's yardstick is their mean), and between them every
    page in every language of ``languages``; the open data once (it is the same in every
    language)."""
    session, thread, written = plan["session_path"], plan["thread_path"], plan["input_path"]
    public = [
        Row("home", "/", "public"),
        Row("programme", "/programme/", "public"),
        Row("session", session, "public"),
        Row("programme_ics", "/programme.ics", "data", ICS),
        Row("objectives", "/objectives/", "public"),
        Row("documents", "/documents/", "public"),
        Row("participants", "/participants/", "public"),
        Row("submissions", "/submissions/", "public", note="cached"),
        Row("submissions_uncached", "/submissions/", "none", cache_off=True, note="cache off"),
        Row("search", f"/submissions/?q={data.SEARCH_WORD}", "search"),
        Row("input", written, "public"),
        Row("input_pdf", f"{written}pdf/", "public", PDF),
        Row("discussion", "/discussion/", "public"),
        Row("thread", thread, "public"),
        Row("report", "/report/", "public"),
    ]
    signed_in = [
        Row("my", "/my/", "signed_in", role="reader"),
        Row("register", "/register/", "signed_in", role="reader"),
        Row("my_submission", "/my/submission/", "signed_in", role="focal_point"),
        Row("staff_registrations", "/staff/registrations/", "signed_in", role="staff"),
        Row("staff_selection", "/staff/selection/", "signed_in", role="staff"),
        Row("staff_inputs", "/staff/inputs/", "signed_in", role="staff"),
    ]
    open_data = [
        Row("json", "/submissions.json", "data", JSON),
        Row("csv", "/submissions.csv", "data", CSV),
    ]
    rows = [bare_row("bare_first")]
    for language in languages:
        for row in public + signed_in:
            rows.append(replace(row, language=language))
    rows += open_data
    rows.append(bare_row("bare_last"))
    return rows


# Data ----------------------------------------------------------------------------------------


def report_publish(meeting) -> int:
    """Compile the summary report (without the compendium) through the services, mark that
    version final and publish it; returns its page count."""
    from reports import services
    from reports.circulation import report_status_set
    from reports.models import Report

    report = services.report_get_or_create(meeting=meeting)
    job = services.compile_request(report=report, by=None, with_compendium=False, enqueue=False)
    version = services.compile_run(job_id=job.pk, worker="bench")
    report = report_status_set(
        report=report, status=Report.Status.FINAL, version=version, confirm_empty=True
    )
    report_status_set(report=report, status=Report.Status.PUBLISHED, confirm_empty=True)
    return version.page_count


def data_prepare(sessions_per_role: int) -> tuple[dict, dict]:
    """The database's content and the plan: the paths that depend on the data and, per role,
    ``sessions_per_role`` signed-in sessions (one per virtual user)."""
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.cache import cache
    from django.db.models import Count

    from registration.models import STAFF_GROUP, FocalPoint, User
    from sessions_app.models import Meeting, Session
    from submissions.models import Submission
    from submissions.voices.discussion.models import DiscussionThread

    facts = data.inputs_publish()
    meeting = Meeting.objects.get(slug="unece-2024")
    data.registration_window_open(meeting)
    rng = random.Random(data.SEED + 3)
    people = data.registrations_create(rng=rng, meeting=meeting, count=REGISTRATIONS)
    data.posts_create(rng=rng, meeting=meeting, authors=people, count=POSTS)
    reader = data.accounts_create("reader", 1, make_password(None))[0]
    report_pages = report_publish(meeting)
    roles = {
        "reader": reader,
        "focal_point": FocalPoint.objects.filter(status=FocalPoint.Status.VERIFIED)
        .order_by("member_state__iso_alpha3")
        .first()
        .user,
        "staff": User.objects.filter(groups__name=STAFF_GROUP).order_by("pk").first(),
    }
    session = meeting.sessions.filter(kind=Session.Kind.THEMATIC).order_by("starts_at").first()
    thread = (
        DiscussionThread.objects.filter(meeting=meeting)
        .annotate(n=Count("posts"))
        .order_by("-n", "pk")
        .first()
    )
    written = Submission.objects.filter(status=Submission.Status.PUBLISHED).order_by("pk").first()
    plan = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "sessions": {
            role: data.sessions_create([user] * sessions_per_role) for role, user in roles.items()
        },
        "people": {role: user.email for role, user in roles.items()},
        "session_path": f"/programme/{session.slug}/",
        "thread_path": f"/discussion/{thread.slug}/",
        "input_path": f"/submissions/{written.pk}/",
    }
    cache.clear()  # no cached pages from an earlier run
    facts.update(
        discussion_posts=POSTS,
        thread_posts=thread.n,
        registrations=REGISTRATIONS,
        report="published, without the compendium",
        report_pages=report_pages,
        registration_window="opened yesterday, closes in 30 days",
        signed_in_as=plan["people"],
    )
    return facts, plan
