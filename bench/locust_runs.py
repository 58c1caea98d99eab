"""One headless Locust run from the benchmark's process (bench.trust, bench.pages): Locust runs
in a process of its own (it patches the standard library for gevent on import) and writes its
figures to a JSON file (bench/locust_users.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from .server import HOST, ROOT


def locust_run(
    user_class: str,
    *,
    locustfile: Path,
    port: int,
    workdir: Path,
    name: str,
    users: int,
    seconds: int,
    env: dict,
) -> dict:
    """One headless Locust run of ``user_class``: its rows by "<METHOD> <name>", its failed
    requests and whatever the Locust file adds (bench.trust: the registrants' flow)."""
    out, log = workdir / f"{name}.json", workdir / f"{name}.log"
    command = [
        sys.executable,
        "-m",
        "locust",
        "--locustfile",
        str(locustfile),
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
            env={**os.environ, **env, "BENCH_LOCUST_OUT": str(out)},
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
