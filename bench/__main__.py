"""``python -m bench`` (``make bench``): throughput of the public written-input pages.

1. Recreates the database named by DATABASE_URL (it must be PostgreSQL and named *bench*),
   migrates, seeds the 2024 meeting and publishes 56 inputs of five ~600-word answers.
2. Twice, once with the public pages' cache as in production and once without it: starts
   gunicorn (2 sync workers, 127.0.0.1, a free port, DEBUG off, bench.settings), warms up, then
   sends a fixed number of GETs from 4 threads to the bare view, /submissions/, a search and
   /submissions.json, one after the other on the same server.
3. Prints the figures and writes them to bench/results/submissions.json.
"""

import datetime
import json
import os
import sys
import time

from . import BARE_PATH, data
from .load import Result, get, measure
from .server import HOST, ROOT, environment, free_port, server_start, server_stop

RESULTS = ROOT / "bench" / "results" / "submissions.json"
CONCURRENCY = 4
WARMUP = 40
AIM = 0.40

ENDPOINTS = {
    "bare": BARE_PATH,
    "list": "/submissions/",
    "search": f"/submissions/?q={data.SEARCH_WORD}",
    "json": "/submissions.json",
}
# (name, cache seconds, requests per endpoint): fixed, so every run does the same work.
PASSES = [
    ("cached", 300, {"bare": 3000, "list": 3000, "search": 2000, "json": 400}),
    ("uncached", 0, {"bare": 3000, "list": 400, "search": 300, "json": 60}),
]


def checks(port: int) -> dict:
    """What the server answers is what was seeded: 56 inputs, a search finding some."""
    status, body = get(HOST, port, ENDPOINTS["list"])
    listed = body.count(b'<li class="result">')
    status_search, body = get(HOST, port, ENDPOINTS["search"])
    found = body.count(b'<li class="result">')
    status_json, body = get(HOST, port, ENDPOINTS["json"])
    answers = json.loads(body)["answers"]
    words = [len(a["answer"].split()) for a in answers]
    if (status, status_search, status_json) != (200, 200, 200) or listed != 56:
        raise SystemExit(f"Unexpected answers: list {status} ({listed} inputs)")
    if not 0 < found < 56:
        raise SystemExit(f"The search for {data.SEARCH_WORD!r} found {found} inputs")
    return {
        "listed": listed,
        "search_found": found,
        "json_answers": len(answers),
        "words_per_answer": round(sum(words) / len(words)),
        "languages": sorted({a["language"] for a in answers}),
    }


def run_pass(name: str, cache_seconds: int, counts: dict) -> tuple[dict, dict]:
    port = free_port()
    server = server_start(port, {"BENCH_PUBLIC_CACHE_SECONDS": str(cache_seconds)})
    try:
        for path in ENDPOINTS.values():
            measure(HOST, port, path, requests=WARMUP, concurrency=CONCURRENCY)
        facts = checks(port)
        results = {
            endpoint: measure(HOST, port, path, requests=counts[endpoint], concurrency=CONCURRENCY)
            for endpoint, path in ENDPOINTS.items()
        }
    finally:
        server_stop(server)
    failed = {endpoint: r.errors for endpoint, r in results.items() if r.errors}
    if failed:
        raise SystemExit(f"Requests failed in the {name} pass: {failed}")
    return results, facts


def table(name: str, cache_seconds: int, results: dict[str, Result]) -> str:
    lines = [
        f"{name} (SUBMISSIONS_PUBLIC_CACHE_SECONDS={cache_seconds})",
        f"  {'endpoint':<32}{'requests':>9}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'KiB':>9}",
    ]
    for result in results.values():
        lines.append(
            f"  {result.path:<32}{result.requests:>9}{result.rps:>10.1f}"
            f"{result.p50_ms:>9.1f}{result.p95_ms:>9.1f}{result.bytes_per_response / 1024:>9.1f}"
        )
    ratio = results["list"].rps / results["bare"].rps
    verdict = "meets" if ratio >= AIM else "below"
    lines.append(f"  list / bare: {ratio:.0%} ({verdict} the aim of {AIM:.0%})")
    return "\n".join(lines)


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    name = data.database_recreate(database_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    print(f"Seeding {name}: 56 published inputs of generated text ...", flush=True)
    started = time.monotonic()
    seeded = data.inputs_publish()
    print(f"  done in {time.monotonic() - started:.0f} s", flush=True)
    report = {
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "environment": environment(concurrency=CONCURRENCY, warmup_requests=WARMUP),
        "data": seeded,
        "passes": {},
    }
    from django.db import connections

    connections.close_all()
    for pass_name, cache_seconds, counts in PASSES:
        print(f"Measuring ({pass_name}) ...", flush=True)
        results, facts = run_pass(pass_name, cache_seconds, counts)
        report["data"].update(facts)
        report["passes"][pass_name] = {
            "cache_seconds": cache_seconds,
            "results": {endpoint: r.as_dict() for endpoint, r in results.items()},
            "list_to_bare": round(results["list"].rps / results["bare"].rps, 3),
        }
        print(table(pass_name, cache_seconds, results), flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"Figures written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
