"""What the Locust files of the benchmarks share (bench/locustfile.py for bench.trust,
bench/locust_pages.py for bench.pages): a virtual user with a client address of its own, a
session cookie when it plays someone signed in, a request that fails unless it answers as
expected, and, when Locust quits, its figures written to BENCH_LOCUST_OUT.

Imported by the Locust files only: importing Locust patches the standard library for gevent.
"""

import itertools
import json
import os
from http.cookiejar import Cookie
from pathlib import Path
from urllib.parse import urlsplit

from locust import FastHttpUser, constant, events

_addresses = itertools.count(1)
ENVIRONMENT = []
# Whatever a Locust file adds to the figures it writes (bench.trust: the registrants' flow).
OUTCOME_EXTRA: dict = {}


def address() -> str:
    """A client address of its own, from 10.0.0.1 on."""
    n = next(_addresses)
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def session_cookie(host: str, name: str, value: str) -> Cookie:
    return Cookie(
        version=0,
        name=name,
        value=value,
        port=None,
        port_specified=False,
        domain=urlsplit(host).hostname,
        domain_specified=False,
        domain_initial_dot=False,
        path="/",
        path_specified=True,
        secure=False,
        expires=None,
        discard=True,
        comment=None,
        comment_url=None,
        rest={},
    )


class Visitor(FastHttpUser):
    """No think time; redirects are not followed. ``session_cookie_name`` is the portal's
    SESSION_COOKIE_NAME, set by the Locust file from its plan."""

    abstract = True
    wait_time = constant(0)
    # The 100 registrants of bench.trust queue behind two workers hashing passwords.
    network_timeout = 120.0
    connection_timeout = 120.0
    session_cookie_name = "sessionid"

    def on_start(self):
        self.address = address()

    def fresh_client(self, session_key: str | None = None) -> None:
        """Forget cookies and take a new address; with ``session_key``, be signed in."""
        self.client.cookiejar.clear()
        self.address = address()
        if session_key:
            self.client.cookiejar.set_cookie(
                session_cookie(self.host, self.session_cookie_name, session_key)
            )

    def expect(
        self,
        method: str,
        path: str,
        status: int,
        *,
        data=None,
        name=None,
        headers: dict | None = None,
        redirect_to: str | None = None,
        content_type: str | None = None,
    ) -> bytes:
        """One request; a failure unless it answers ``status`` (a 302 leading to the path
        ``redirect_to``, a 200 of ``content_type`` when given)."""
        with self.client.request(
            method,
            path,
            name=name or path,
            data=data,
            headers={"X-Forwarded-For": self.address, **(headers or {})},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            answered = response.headers or {}
            location = answered.get("Location", "")
            answered_type = answered.get("Content-Type", "")
            if response.status_code != status:
                response.failure(f"{response.status_code} (expected {status}) {location}")
            elif redirect_to and urlsplit(location).path != redirect_to:
                response.failure(f"redirected to {location!r}, not {redirect_to}")
            elif content_type and not answered_type.startswith(content_type):
                response.failure(f"content type {answered_type!r}, not {content_type}")
            else:
                response.success()
            return response.content or b""


@events.init.add_listener
def environment_keep(environment, **_kwargs):
    ENVIRONMENT.append(environment)


@events.quit.add_listener
def outcome_write(exit_code, **_kwargs):
    """Locust's figures, once every virtual user has stopped, to BENCH_LOCUST_OUT (its CSV
    files are written every second and may miss the last requests)."""
    runner = ENVIRONMENT[0].runner
    rows = {
        f"{entry.method} {entry.name}": {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "rps": entry.total_rps,
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "max_ms": entry.max_response_time,
            "bytes": entry.avg_content_length,
        }
        for entry in runner.stats.entries.values()
    }
    errors = [
        f"{e.method} {e.name}: {e.error} x{e.occurrences}" for e in runner.stats.errors.values()
    ]
    errors += [f"exception: {e['msg']} x{e['count']}" for e in runner.exceptions.values()]
    outcome = {"exit_code": exit_code, "rows": rows, "errors": errors, **OUTCOME_EXTRA}
    Path(os.environ["BENCH_LOCUST_OUT"]).write_text(json.dumps(outcome), encoding="utf-8")
