"""What the load benchmarks share: a free loopback port, the portal under gunicorn (2 sync
workers, bench.settings, DEBUG off) and a description of the machine and its software."""

import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

from . import BARE_PATH
from .load import get

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WORKERS = 2


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def server_start(port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """gunicorn serving bench.settings on HOST:port; returns once the bare view answers 200.
    ``env`` adds to (or overrides) the benchmark's environment."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        **(env or {}),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "gcm_review.wsgi:application",
        "--workers",
        str(WORKERS),
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with status {server.returncode}")
        try:
            if get(HOST, port, BARE_PATH, timeout=2)[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server_stop(server)
    raise SystemExit("gunicorn did not answer within 30 seconds")


def server_stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=5)


def environment(**extra) -> dict:
    """Versions, CPUs and the cache in use; needs Django set up. ``extra`` adds the load's
    own conditions."""
    import django
    import gunicorn
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "postgresql": postgres,
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "workers": WORKERS,
        **extra,
        "cache": "redis" if os.environ.get("REDIS_URL") else "local memory (per worker)",
    }
