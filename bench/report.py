"""Benchmark of the summary report's compile on a full-scale review (``make bench``).

56 published inputs of five ~600-word answers in three languages, 500 registrations, 300
Discussion Space posts and key points for every session. Each compile runs in a fresh
process so its peak memory (maximum resident set size) is its own. For each, with and without
the compendium: total time, peak memory, page count, and, on the same final HTML, the time of
the portal's own work (data and HTML) and of WeasyPrint alone. Figures go to
bench/results/report.json.
"""

import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
REGISTRATIONS, POSTS, POINTS_PER_SESSION = 500, 300, 6


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def review_generate() -> dict:
    """The inputs (bench.data), then registrations, posts and session key points."""
    from bench.data import (
        SEED,
        VOCABULARY,
        inputs_publish,
        posts_create,
        registrations_create,
        sentence,
    )
    from registration.models import MemberState
    from sessions_app.models import GCMObjective, Meeting
    from submissions.voices.models import SessionPoint

    counts = inputs_publish()
    rng = random.Random(SEED + 1)
    meeting = Meeting.objects.get(slug="unece-2024")
    users = registrations_create(rng=rng, meeting=meeting, count=REGISTRATIONS)
    states = list(MemberState.objects.all())
    posts_create(rng=rng, meeting=meeting, authors=users, count=POSTS)
    objectives = list(GCMObjective.objects.all())
    kinds = SessionPoint.Kind.values
    for session in meeting.sessions.all():
        for index in range(POINTS_PER_SESSION):
            point = SessionPoint.objects.create(
                session=session,
                kind=kinds[index % len(kinds)],
                text=sentence(rng, VOCABULARY["en"]),
                raised_by_state=rng.choice(states),
            )
            point.objectives.set(rng.sample(objectives, 2))
    return {
        **counts,
        "registrations": REGISTRATIONS,
        "posts": POSTS,
        "key_points": POINTS_PER_SESSION * meeting.sessions.count(),
    }


def measure(compendium: bool) -> dict:
    """One compile through the service, then its two halves timed apart on the same HTML."""
    from reports import services
    from sessions_app.selectors import meeting_current

    report = services.report_get_or_create(meeting=meeting_current())
    job = services.compile_request(
        report=report, by=None, with_compendium=compendium, enqueue=False
    )
    started = time.perf_counter()
    version = services.compile_run(job_id=job.pk, worker="bench")
    total = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    _data, html = services.report_document(
        report=report, with_compendium=compendium, number=version.number
    )
    portal = time.perf_counter() - started
    started = time.perf_counter()
    _pdf, pages = services.report_pdf(version.html)
    weasyprint = time.perf_counter() - started
    return {
        "compendium": compendium,
        "seconds_total": round(total, 2),
        "peak_memory_mb": round(peak_mb),
        "pages": version.page_count,
        "html_kb": round(len(html.encode()) / 1024),
        "seconds_portal_data_and_html": round(portal, 2),
        "seconds_weasyprint_alone": round(weasyprint, 2),
        "portal_share_of_weasyprint": round(portal / weasyprint, 3),
        "pages_again": pages,
    }


def main() -> int:
    from bench.data import database_recreate

    if len(sys.argv) > 2 and sys.argv[1] == "measure":
        _django()
        print(json.dumps(measure(sys.argv[2] == "compendium")))
        return 0
    database_recreate(os.environ["DATABASE_URL"])
    _django()
    print("Generating the full-scale review…", flush=True)
    data = review_generate()
    rows = []
    for mode in ("plain", "compendium"):
        out = subprocess.run(
            [sys.executable, "-m", "bench.report", "measure", mode],
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "report.json").write_text(json.dumps({"data": data, "compiles": rows}, indent=2))
    print(f"Data: {data}")
    print(
        f"{'compile':<12}{'total s':>9}{'peak MB':>9}{'pages':>7}{'portal s':>10}"
        f"{'WeasyPrint s':>14}{'portal/WP':>11}"
    )
    for row in rows:
        print(
            f"{'compendium' if row['compendium'] else 'plain':<12}{row['seconds_total']:>9}"
            f"{row['peak_memory_mb']:>9}{row['pages']:>7}"
            f"{row['seconds_portal_data_and_html']:>10}{row['seconds_weasyprint_alone']:>14}"
            f"{row['portal_share_of_weasyprint']:>11.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
