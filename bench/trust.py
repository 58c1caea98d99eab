"""``python -m bench.trust`` (``make bench``): the public pages, signing in and registering
under load, measured with Locust (headless) next to the bare Django view on the same server.

1. Recreates the database named by DATABASE_URL (PostgreSQL, named *bench*), seeds the 2024
   meeting with 56 published inputs (bench.data) and 120 Discussion Space posts, opens the
   registration window (from yesterday for a month) and makes verified accounts sharing one
   password: 20 to sign in with, 100 registrants, and people already signed in (sessions
   written by the bench) for the registration form and the registration POSTs.
2. Starts gunicorn once (2 sync workers, bench.settings, DEBUG off) and, one after another,
   runs Locust for ``SECONDS`` with ``USERS`` virtual users and no think time per row: the bare
   view, seven public pages, the sign-in page, real sign-ins, the registration form and new
   registrations.
3. Starts 100 virtual users at once, each signing in with its own account and registering once,
   then checks in the database that each of the 100 has exactly one registration (and one
   acknowledgement mail).
4. Prints the figures and writes them to bench/results/trust.json (git-ignored).

allauth's rate limits are as in production: every virtual user signs in from an address of its
own (X-Forwarded-For, trusted by bench.settings) rather than all from 127.0.0.1.
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from . import BARE_PATH, data
from .load import measure
from .server import HOST, ROOT, environment, free_port, server_start, server_stop

RESULTS = ROOT / "bench" / "results" / "trust.json"
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
USERS = 8  # virtual users per row, no think time
SECONDS = 8  # per row
WARMUP = 20  # GETs of each page before the rows
SIGN_IN_ACCOUNTS = 20
REGISTRANTS = 100
PAGE_SESSIONS = USERS
POOL = 500  # people signed in, not registered: more than a row can register
PASSWORD = "bench-trust-Pa55word-2024"
POSTS = 120
BURST_LIMIT = 180  # seconds the 100 registrants may take at most
BARE_ROW = "bare"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    user_class: str
    request: str  # the Locust row reported: "<METHOD> <path>"
    note: str = ""

    @property
    def path(self) -> str:
        return self.request.split(" ", 1)[1]


def rows_planned(session_path: str) -> list[Row]:
    pages = {
        "home": "/",
        "programme": "/programme/",
        "session": session_path,
        "objectives": "/objectives/",
        "documents": "/documents/",
        "submissions": "/submissions/",
        "discussion": "/discussion/",
        "sign_in_page": "/accounts/login/",
    }
    return [
        Row(BARE_ROW, f"bare view {BARE_PATH}", "Page", f"GET {BARE_PATH}"),
        *(Row(key, path, "Page", f"GET {path}") for key, path in pages.items()),
        Row(
            "sign_in",
            "sign-in POST /accounts/login/",
            "SignIn",
            "POST /accounts/login/",
            "each iteration a new visitor: GET the sign-in page, POST real credentials",
        ),
        Row("register_page", "GET /register/ (signed in)", "RegisterPage", "GET /register/"),
        Row(
            "register",
            "registration POST /register/",
            "Register",
            "POST /register/",
            "each iteration another signed-in person: GET the form, POST a new registration",
        ),
    ]


# Data ----------------------------------------------------------------------------------------


def registration_form_data(category_pk: int) -> dict:
    """What a stakeholder fills in on /register/: the profile and the registration choices."""
    return {
        "profile-full_name": "Bench Registrant",
        "profile-title": "",
        "profile-organisation": "Bench Civil Society Network",
        "profile-stakeholder_category": str(category_pk),
        "profile-delegation": "",
        "profile-country": "",
        "profile-gender": "",
        "profile-accessibility_needs": "",
        "profile-preferred_language": "en",
        "registration-parts": "both",
        "registration-attendance": "in_person",
        "registration-consent_privacy": "on",
    }


def accounts_create(prefix: str, count: int, password_hash: str) -> list:
    """Verified accounts that share one password hash (hashing is the server's cost, not the
    bench's)."""
    from allauth.account.models import EmailAddress

    from registration.models import User

    users = User.objects.bulk_create(
        User(email=f"{prefix}{n}@bench.org", full_name=f"{prefix} {n}", password=password_hash)
        for n in range(count)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    return users


def sessions_create(users: list) -> list[str]:
    """A signed-in session for each user, as django.contrib.auth.login() leaves it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    engine = import_module(settings.SESSION_ENGINE)
    keys = []
    for user in users:
        session = engine.SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def data_prepare() -> tuple[dict, dict]:
    """The database's content and the plan for Locust (accounts, sessions, the form)."""
    import random

    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.cache import cache
    from django.utils import timezone

    from registration.accounts.forms import ProfileForm
    from registration.forms import RegistrationForm
    from registration.models import StakeholderCategory
    from sessions_app.models import KeyDate, Meeting, Session

    facts = data.inputs_publish()
    meeting = Meeting.objects.get(slug="unece-2024")
    now = timezone.now()
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_OPENS).update(
        at=now - datetime.timedelta(days=1)
    )
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_CLOSES).update(
        at=now + datetime.timedelta(days=30)
    )
    password_hash = make_password(PASSWORD)
    sign_in = accounts_create("signin", SIGN_IN_ACCOUNTS, password_hash)
    registrants = accounts_create("registrant", REGISTRANTS, password_hash)
    readers = accounts_create("reader", PAGE_SESSIONS, password_hash)
    pool = accounts_create("pool", POOL, password_hash)
    data.posts_create(
        rng=random.Random(data.SEED + 2), meeting=meeting, authors=sign_in, count=POSTS
    )
    session = meeting.sessions.filter(kind=Session.Kind.THEMATIC).order_by("starts_at").first()
    category = StakeholderCategory.objects.order_by("pk").first()
    form = registration_form_data(category.pk)
    profile_form = ProfileForm(form, prefix="profile", instance=pool[0])
    registration_form = RegistrationForm(form, prefix="registration")
    if not (profile_form.is_valid() and registration_form.is_valid()):
        raise SystemExit(
            "The registration the bench posts is not valid any more: "
            f"{profile_form.errors.as_data()} {registration_form.errors.as_data()}"
        )
    plan = {
        "password": PASSWORD,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "form": form,
        "sign_in_accounts": [user.email for user in sign_in],
        "registrants": [user.email for user in registrants],
        "page_sessions": sessions_create(readers),
        "pool_sessions": sessions_create(pool),
        "session_path": f"/programme/{session.slug}/",
    }
    cache.clear()  # no rate-limit counters or cached pages from an earlier run
    facts.update(
        discussion_posts=POSTS,
        accounts={
            "sign_in": SIGN_IN_ACCOUNTS,
            "registrants": REGISTRANTS,
            "signed_in_readers": PAGE_SESSIONS,
            "signed_in_pool": POOL,
        },
        registration_window="opened yesterday, closes in 30 days",
    )
    return facts, plan


# Locust --------------------------------------------------------------------------------------


def locust_run(
    user_class: str, *, port: int, workdir: Path, name: str, users: int, seconds: int, env: dict
) -> dict:
    """One headless Locust run of ``user_class``: its rows by "<METHOD> <name>", its failed
    requests and, for the registrants, the times of their flow."""
    out, log = workdir / f"{name}.json", workdir / f"{name}.log"
    command = [
        sys.executable,
        "-m",
        "locust",
        "--locustfile",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "30",  # each virtual user finishes its iteration: the counts stay exact
        "--host",
        f"http://{HOST}:{port}",
        "--only-summary",
        "--loglevel",
        "WARNING",
        user_class,
    ]
    with log.open("w", encoding="utf-8") as output:
        subprocess.run(
            command,
            env={**os.environ, **env, "BENCH_TRUST_OUT": str(out)},
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            timeout=seconds + 180,
            check=False,
        )
    if not out.exists():
        tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-30:])
        raise SystemExit(f"Locust ({user_class}) wrote no figures:\n{tail}")
    outcome = json.loads(out.read_text(encoding="utf-8"))
    outcome["rows"] = {key: figures(row) for key, row in outcome["rows"].items()}
    return outcome


def figures(row: dict) -> dict:
    """Rounded for the table (Locust itself rounds times over 100 ms to 10 ms, over 1 s to
    100 ms)."""
    return {
        "requests": row["requests"],
        "failures": row["failures"],
        "rps": round(row["rps"], 1),
        "p50_ms": row["p50_ms"],
        "p95_ms": row["p95_ms"],
        "max_ms": round(row["max_ms"]),
        "kib": round(row["bytes"] / 1024, 1),
    }


# The database check --------------------------------------------------------------------------


def registrations_check(emails: list[str]) -> dict:
    """Each of ``emails`` registered exactly once for the meeting, with one mail saying so."""
    from django.db.models import Count

    from gcm_review.models import OutgoingEmail
    from registration.models import Registration
    from sessions_app.models import Meeting

    meeting = Meeting.objects.get(slug="unece-2024")
    per_user = dict(
        Registration.objects.filter(meeting=meeting, user__email__in=emails)
        .values("user__email")
        .annotate(n=Count("pk"))
        .values_list("user__email", "n")
    )
    mails = Counter(OutgoingEmail.objects.filter(to__in=emails).values_list("to", flat=True))
    duplicate_pairs = (
        Registration.objects.values("meeting", "user")
        .annotate(n=Count("pk"))
        .filter(user__isnull=False, n__gt=1)
        .count()
    )
    statuses = Counter(
        Registration.objects.filter(meeting=meeting, user__email__in=emails).values_list(
            "status", flat=True
        )
    )
    result = {
        "users": len(emails),
        "registrations": sum(per_user.values()),
        "users_registered_once": sum(1 for n in per_user.values() if n == 1),
        "missing": sorted(set(emails) - set(per_user)),
        "duplicated": {email: n for email, n in per_user.items() if n > 1},
        "duplicate_user_meeting_pairs_in_table": duplicate_pairs,
        "statuses": dict(statuses),
        "acknowledgement_mails": sum(mails.values()),
        "users_mailed_once": sum(1 for n in mails.values() if n == 1),
    }
    result["ok"] = (
        result["users_registered_once"] == len(emails)
        and result["registrations"] == len(emails)
        and not duplicate_pairs
        and result["users_mailed_once"] == len(emails)
        and result["acknowledgement_mails"] == len(emails)
    )
    return result


def pool_check(sessions_used: int) -> dict:
    """The registration row: as many registrations of the pool as POSTs answered 302."""
    from registration.models import Registration

    registered = Registration.objects.filter(user__email__startswith="pool").count()
    return {
        "posts_answered_302": sessions_used,
        "registrations": registered,
        "ok": sessions_used == registered,
    }


# Output --------------------------------------------------------------------------------------


def table(results: dict, rows: list[Row]) -> str:
    bare = results[BARE_ROW]["rps"] or 1
    lines = [
        f"  {'page':<40}{'requests':>9}{'fail':>6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'KiB':>7}{'/ bare':>8}",
    ]
    for row in rows:
        r = results[row.key]
        lines.append(
            f"  {row.label:<40}{r['requests']:>9}{r['failures']:>6}{r['rps']:>9.1f}"
            f"{r['p50_ms']:>9.0f}{r['p95_ms']:>9.0f}{r['kib']:>7.1f}{r['rps'] / bare:>8.1%}"
        )
    return "\n".join(lines)


def burst_table(burst: dict) -> str:
    lines = [f"  {'step':<40}{'requests':>9}{'fail':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"]
    for name, r in burst["steps"].items():
        lines.append(
            f"  {name:<40}{r['requests']:>9}{r['failures']:>6}{r['p50_ms']:>9.0f}"
            f"{r['p95_ms']:>9.0f}{r['max_ms']:>9}"
        )
    return "\n".join(lines)


def rows_measure(rows: list[Row], plan: dict, workdir: Path) -> tuple[dict, dict, dict]:
    """On one gunicorn: the rows one after another, then the 100 registrants."""
    plan_file = workdir / "plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    port = free_port()
    server = server_start(port)
    measured, failures = {}, {}
    try:
        for row in rows:
            if row.user_class == "Page":
                measure(HOST, port, row.path, requests=WARMUP, concurrency=4)
        for row in rows:
            print(f"Measuring {row.label} ...", flush=True)
            env = {"BENCH_TRUST_PLAN": str(plan_file)}
            if row.user_class == "Page":
                env["BENCH_TRUST_PATH"] = row.path
            run = locust_run(
                row.user_class,
                port=port,
                workdir=workdir,
                name=row.key,
                users=USERS,
                seconds=SECONDS,
                env=env,
            )
            if row.request not in run["rows"]:
                raise SystemExit(f"Locust measured no {row.request!r}: {run['errors']}")
            measured[row.key] = {
                "label": row.label,
                "request": row.request,
                "note": row.note,
                **run["rows"][row.request],
            }
            if run["errors"]:
                failures[row.label] = run["errors"]
        print(f"{REGISTRANTS} registrants at once: sign in, then register ...", flush=True)
        burst = locust_run(
            "Registrant",
            port=port,
            workdir=workdir,
            name="registrants",
            users=REGISTRANTS,
            seconds=BURST_LIMIT,
            env={"BENCH_TRUST_PLAN": str(plan_file)},
        )
    finally:
        server_stop(server)
    if burst["errors"]:
        failures[f"{REGISTRANTS} registrants"] = burst["errors"]
    flow = burst["flow"]
    registrants = {
        "users_started_at_once": REGISTRANTS,
        "flows_done": flow["flows_done"],
        "seconds_first_request_to_last_answer": round(
            (flow["last_answer"] or 0) - (flow["first_request"] or 0), 1
        ),
        "steps": burst["rows"],
    }
    return measured, registrants, failures


def summary_print(report: dict, rows: list[Row]) -> None:
    env, burst = report["environment"], report["registrants"]
    check = burst["database_check"]
    limits = env["rate_limits"]
    print(
        f"\nLoad: {env['load_generator']}, {USERS} virtual users, no think time, {SECONDS} s "
        f"per row, rows one after another on one gunicorn ({env['workers']} sync workers) with "
        f"PostgreSQL {env['postgresql']} and Redis; {env['cpus']} CPUs shared by server, "
        "database and load generator."
    )
    print(
        f"Rate limits as in production (sign-in {limits['login']}, failed sign-ins "
        f"{limits['login_failed']}); each virtual user has a client address of its own "
        "(X-Forwarded-For, trusted by bench.settings). Mail tasks run within the request."
    )
    print(table(report["rows"], rows))
    for row in rows:
        if row.note:
            print(f"  {row.label}: {row.note}")
    print(
        f"\n{REGISTRANTS} registrants started at once, each: GET the sign-in page, POST the "
        f"sign-in, GET /register/, POST /register/ ({burst['flows_done']} done, "
        f"{burst['seconds_first_request_to_last_answer']:.1f} s from the first request to the "
        "last answer)"
    )
    print(burst_table(burst))
    print(
        f"\nDatabase check ({'OK' if check['ok'] else 'FAILED'}): {check['users']} registrants, "
        f"{check['registrations']} registrations, {check['users_registered_once']} registered "
        f"exactly once, missing {len(check['missing'])}, duplicated {len(check['duplicated'])}, "
        "duplicate (meeting, person) pairs in the table "
        f"{check['duplicate_user_meeting_pairs_in_table']}; statuses {check['statuses']}; "
        f"acknowledgement mails {check['acknowledgement_mails']} ({check['users_mailed_once']} "
        "people mailed once)."
    )
    if check["missing"] or check["duplicated"]:
        print(f"  missing: {check['missing'][:10]} duplicated: {check['duplicated']}")
    pool = report["rows"]["register"]["database_check"]
    print(
        f"Registration row check ({'OK' if pool['ok'] else 'FAILED'}): "
        f"{pool['posts_answered_302']} POSTs answered 302, {pool['registrations']} "
        "registrations of the people who posted."
    )
    for label, lines in report["failures"].items():
        print(f"Failed requests in {label}:")
        for line in lines[:10]:
            print(f"  {line}")


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    name = data.database_recreate(database_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    # Locust is not imported here: it patches the standard library for gevent on import.
    from allauth.account import app_settings as allauth_settings
    from django.conf import settings
    from django.db import connections

    started = time.monotonic()
    print(f"Preparing {name}: 56 inputs, {POSTS} posts, accounts and sessions ...", flush=True)
    facts, plan = data_prepare()
    print(f"  done in {time.monotonic() - started:.0f} s", flush=True)
    report = {
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "environment": environment(
            load_generator=f"Locust {version('locust')} headless (FastHttpUser), same machine",
            virtual_users_per_row=USERS,
            think_time_seconds=0,
            seconds_per_row=SECONDS,
            warmup_gets_per_page=WARMUP,
            registrants_started_at_once=REGISTRANTS,
            rate_limits={
                key: allauth_settings.RATE_LIMITS.get(key) for key in ("login", "login_failed")
            },
            client_addresses="one per virtual user (X-Forwarded-For, 1 trusted proxy)",
            mail_tasks="run in the request (CELERY_TASK_ALWAYS_EAGER, in-memory mail backend)",
            public_pages_cache_seconds=settings.SUBMISSIONS_PUBLIC_CACHE_SECONDS,
        ),
        "data": facts,
    }
    connections.close_all()
    rows = rows_planned(plan["session_path"])
    with tempfile.TemporaryDirectory(prefix="bench-trust-") as tmp:
        measured, registrants, failures = rows_measure(rows, plan, Path(tmp))
    report.update(rows=measured, registrants=registrants, failures=failures)
    registrants["database_check"] = registrations_check(plan["registrants"])
    register = measured["register"]
    register["database_check"] = pool_check(register["requests"] - register["failures"])
    summary_print(report, rows)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Figures written to {RESULTS.relative_to(ROOT)} ({time.monotonic() - started:.0f} s)")
    ok = registrants["database_check"]["ok"] and register["database_check"]["ok"] and not failures
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
