"""``python -m bench.pages`` (``make bench``): every page of the portal under load, in one run
on one gunicorn, next to the bare Django view (issue 15).

1. Recreates the database named by DATABASE_URL (PostgreSQL, named *bench*) and fills it
   (bench.pages_data): the seeded 2024 meeting, 56 published inputs (bench.data), 120
   Discussion Space posts, 500 registrations, the summary report compiled without the
   compendium and published, the registration window open, and signed-in sessions for a
   reader, a verified focal point and network staff (bench.data.sessions_create).
2. Profiles each row once in this process with Django's test client: SQL queries and the time
   of one render, the first time and again (a cached page shows what its cache saves). A row
   that does not answer 200 with its content type is marked broken.
3. Starts gunicorn once (bench.server: 2 sync workers, bench.settings, DEBUG off), warms every
   row up, then runs Locust headless for each row, one after another: ``USERS`` virtual users,
   no think time; every answer must be a 200 of the row's content type. The bare view is
   measured first and last; each row's share is of their mean. /submissions/ is measured with
   its cache and without (bench/cache_switch.py turns it off per request).
4. Prints the table (req/s, p50, p95, share of the bare view, the issue's aim and whether it is
   met, the profile) and writes bench/results/pages.json (git-ignored).

``BENCH_QUICK=1``: 1 second per row and English only, for development.
"""

import datetime
import json
import os
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from . import data
from .load import measure
from .locust_runs import locust_run
from .pages_data import LANGUAGES, Row, data_prepare, rows_planned
from .pages_results import bare_rps, report_rows, table, verdict
from .server import HOST, ROOT, environment, free_port, server_start, server_stop

RESULTS = ROOT / "bench" / "results" / "pages.json"
LOCUSTFILE = ROOT / "bench" / "locust_pages.py"
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
USERS = 8  # virtual users per row, no think time
SECONDS = 1 if QUICK else 6  # per row
WARMUP = 5 if QUICK else 20  # GETs of each row before the rows
ROW_LANGUAGES = ("en",) if QUICK else LANGUAGES


def response_problem(row: Row, status: int, content_type: str) -> str:
    if status != 200:
        return f"answered {status}"
    if not content_type.startswith(row.content_type):
        return f"content type {content_type!r}, not {row.content_type}"
    return ""


def profile(row: Row, plan: dict) -> dict:
    """One render in this process, twice: SQL queries and milliseconds."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    if row.role:
        client.cookies[plan["session_cookie"]] = plan["sessions"][row.role][0]
    result = {}
    for attempt in ("first", "again"):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            try:
                response = client.get(row.url, headers=row.request_headers)
            except Exception as error:  # a broken page is reported, not fatal to the run
                return {**result, "problem": f"raised {error!r}"}
            ms = (time.perf_counter() - started) * 1000
        result[attempt] = {"queries": len(queries), "ms": round(ms, 1)}
        problem = response_problem(row, response.status_code, response.get("Content-Type", ""))
        if problem:
            return {**result, "problem": problem}
    result["kib"] = round(len(response.content) / 1024, 1)
    return result


def row_environment(row: Row, plan: dict) -> dict:
    """What the Locust file reads: the row as JSON."""
    described = {
        "path": row.url,
        "content_type": row.content_type,
        "headers": row.request_headers,
        "session_cookie": plan["session_cookie"],
        "sessions": plan["sessions"][row.role] if row.role else [],
    }
    return {"BENCH_PAGES_ROW": json.dumps(described)}


def warm_up(row: Row, plan: dict, port: int) -> None:
    headers = dict(row.request_headers)
    if row.role:
        headers["Cookie"] = f"{plan['session_cookie']}={plan['sessions'][row.role][0]}"
    measure(HOST, port, row.url, requests=WARMUP, concurrency=4, headers=headers)


def rows_measure(rows: list[Row], plan: dict, workdir: Path) -> tuple[dict, dict]:
    """On one gunicorn: every row warmed up, then measured one after another."""
    port = free_port()
    server = server_start(port)
    measured, failures = {}, {}
    try:
        for row in rows:
            warm_up(row, plan, port)
        for row in rows:
            print(f"Measuring {row.url} ({row.key}) ...", flush=True)
            run = locust_run(
                "Reader",
                locustfile=LOCUSTFILE,
                port=port,
                workdir=workdir,
                name=row.key.replace(":", "-"),
                users=USERS,
                seconds=SECONDS,
                env=row_environment(row, plan),
            )
            request = f"GET {row.url}"
            if request not in run["rows"]:
                failures[row.key] = [f"Locust measured no {request!r}", *run["errors"]]
                continue
            measured[row.key] = run["rows"][request]
            if run["errors"]:
                failures[row.key] = run["errors"]
    finally:
        server_stop(server)
    return measured, failures


def summary_print(report: dict, rows: list[Row], measured: dict, profiles: dict) -> None:
    env, bare = report["environment"], report["bare_rps"]
    print(
        f"\nLoad: {env['load_generator']}, {USERS} virtual users, no think time, {SECONDS} s "
        f"per row{' (BENCH_QUICK)' if QUICK else ''}, rows one after another on one gunicorn "
        f"({env['workers']} sync workers) with PostgreSQL {env['postgresql']}; {env['cpus']} "
        f"CPUs shared by server, database and load generator. Bare view: {bare:.0f} req/s "
        "(mean of the first and last rows)."
    )
    print("Profile (in process, Django test client, before the load): queries and render ms,")
    print("the first time / again.")
    print(table(rows, measured, profiles, bare))
    verdicts = [
        verdict(row, measured.get(row.key, {}), profiles.get(row.key, {}), bare) for row in rows
    ]
    aimed = [v for v in verdicts if v]
    print(
        f"\nAims met: {aimed.count('met')} of {len(aimed)} rows; not met {aimed.count('not met')}"
        f", broken {aimed.count('broken')}, failed under load {aimed.count('failed')}."
    )
    for key, lines in report["failures"].items():
        print(f"Failed requests in {key}:")
        for line in lines[:10]:
            print(f"  {line}")
    for key, figures in profiles.items():
        if figures.get("problem"):
            print(f"Broken before the load: {key}: {figures['problem']}")


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    name = data.database_recreate(database_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    started = time.monotonic()
    print(f"Preparing {name}: 56 inputs, posts, registrations, the report ...", flush=True)
    facts, plan = data_prepare(sessions_per_role=USERS)
    print(f"  done in {time.monotonic() - started:.0f} s", flush=True)
    rows = rows_planned(plan, ROW_LANGUAGES)
    print(f"Profiling {len(rows)} rows in process ...", flush=True)
    profiles = {row.key: profile(row, plan) for row in rows}
    report = {
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "quick": QUICK,
        "environment": environment(
            load_generator=f"Locust {version('locust')} headless (FastHttpUser), same machine",
            virtual_users_per_row=USERS,
            think_time_seconds=0,
            seconds_per_row=SECONDS,
            warmup_gets_per_row=WARMUP,
            languages=list(ROW_LANGUAGES),
            public_pages_cache_seconds=settings.SUBMISSIONS_PUBLIC_CACHE_SECONDS,
        ),
        "data": facts,
    }
    connections.close_all()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        measured, failures = rows_measure(rows, plan, Path(tmp))
    bare = bare_rps(measured)
    report.update(
        bare_rps=round(bare, 1),
        failures=failures,
        rows=report_rows(rows, measured, profiles, bare),
    )
    summary_print(report, rows, measured, profiles)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Figures written to {RESULTS.relative_to(ROOT)} ({time.monotonic() - started:.0f} s)")
    broken = any(p.get("problem") for p in profiles.values())
    return 1 if failures or broken else 0


if __name__ == "__main__":
    sys.exit(main())
