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
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from . import BARE_PATH, data
from .load import measure
from .locust_runs import locust_run
from .server import HOST, ROOT, environment, free_port, server_start, server_stop
from .trust_results import BARE_ROW, burst_table, pool_check, registrations_check, table

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


def data_prepare() -> tuple[dict, dict]:
    """The database's content and the plan for Locust (accounts, sessions, the form)."""
    import random

    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.cache import cache

    from registration.accounts.forms import ProfileForm
    from registration.forms import RegistrationForm
    from registration.models import StakeholderCategory
    from sessions_app.models import Meeting, Session

    facts = data.inputs_publish()
    meeting = Meeting.objects.get(slug="unece-2024")
    data.registration_window_open(meeting)
    password_hash = make_password(PASSWORD)
    sign_in = data.accounts_create("signin", SIGN_IN_ACCOUNTS, password_hash)
    registrants = data.accounts_create("registrant", REGISTRANTS, password_hash)
    readers = data.accounts_create("reader", PAGE_SESSIONS, password_hash)
    pool = data.accounts_create("pool", POOL, password_hash)
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
        "page_sessions": data.sessions_create(readers),
        "pool_sessions": data.sessions_create(pool),
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
                locustfile=LOCUSTFILE,
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
            locustfile=LOCUSTFILE,
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
