"""The virtual users of bench.trust. Not run by hand: bench.trust starts one headless Locust run
per scenario, naming the user class, with BENCH_TRUST_PLAN pointing to the accounts and sessions
it made (and, for ``Page``, BENCH_TRUST_PATH to the page); the figures go to BENCH_TRUST_OUT.

Every virtual user presents its own client address in X-Forwarded-For (bench.settings trusts
one proxy), as people signing in from different places would. Redirects are not followed: a
sign-in or a registration must answer 302 to /my/, a page 200; anything else is a failure.
"""

import itertools
import json
import os
import re
import time
from http.cookiejar import Cookie
from pathlib import Path
from urllib.parse import urlsplit

from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

PLAN = json.loads(Path(os.environ["BENCH_TRUST_PLAN"]).read_text(encoding="utf-8"))
LOGIN, REGISTER, AFTER = "/accounts/login/", "/register/", "/my/"
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')

_addresses = itertools.count(1)
_sign_in_accounts = itertools.cycle(PLAN["sign_in_accounts"])
_page_sessions = itertools.cycle(PLAN["page_sessions"])
_pool_sessions = iter(PLAN["pool_sessions"])
_registrants = iter(PLAN["registrants"])
FLOW = {"first_request": None, "last_answer": None, "flows_done": 0}
ENVIRONMENT = []


def address() -> str:
    """A client address of its own, from 10.0.0.1 on."""
    n = next(_addresses)
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


class Visitor(FastHttpUser):
    abstract = True
    wait_time = constant(0)
    # The 100 registrants queue behind two workers hashing passwords: allow for it.
    network_timeout = 120.0
    connection_timeout = 120.0

    def on_start(self):
        self.address = address()

    def fresh_client(self, session_key: str | None = None) -> None:
        """Forget cookies and take a new address; with ``session_key``, be signed in."""
        self.client.cookiejar.clear()
        self.address = address()
        if session_key:
            self.client.cookiejar.set_cookie(
                Cookie(
                    version=0,
                    name=PLAN["session_cookie"],
                    value=session_key,
                    port=None,
                    port_specified=False,
                    domain=urlsplit(self.host).hostname,
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
            )

    def expect(self, method: str, path: str, status: int, *, data=None, name=None) -> bytes:
        """One request; a failure unless it answers ``status`` (a 302 must lead to /my/)."""
        with self.client.request(
            method,
            path,
            name=name or path,
            data=data,
            headers={"X-Forwarded-For": self.address},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code != status:
                response.failure(f"{response.status_code} (expected {status}) {location}")
            elif status == 302 and urlsplit(location).path != AFTER:
                response.failure(f"redirected to {location!r}, not {AFTER}")
            else:
                response.success()
            return response.content or b""

    def form_get(self, path: str, name: str | None = None) -> str:
        match = TOKEN.search(self.expect("GET", path, 200, name=name))
        return match.group(1).decode() if match else ""

    def sign_in(self, email: str, *, page_name: str | None = None) -> None:
        token = self.form_get(LOGIN, name=page_name)
        data = {"csrfmiddlewaretoken": token, "login": email, "password": PLAN["password"]}
        self.expect("POST", LOGIN, 302, data=data)

    def register(self, *, page_name: str | None = None) -> None:
        token = self.form_get(REGISTER, name=page_name)
        self.expect("POST", REGISTER, 302, data={"csrfmiddlewaretoken": token, **PLAN["form"]})


class Page(Visitor):
    """An anonymous visitor reading one page (BENCH_TRUST_PATH) over and over."""

    @task
    def read(self):
        self.expect("GET", os.environ["BENCH_TRUST_PATH"], 200)


class SignIn(Visitor):
    """Each iteration a new visitor: the sign-in page, then a real sign-in (20 accounts)."""

    @task
    def sign_in_once(self):
        self.fresh_client()
        self.sign_in(next(_sign_in_accounts), page_name="/accounts/login/ (before POST)")


class RegisterPage(Visitor):
    """A signed-in person (a session made by the bench) reading the registration form."""

    def on_start(self):
        self.fresh_client(next(_page_sessions))

    @task
    def read(self):
        self.expect("GET", REGISTER, 200)


class Register(Visitor):
    """Each iteration another signed-in person who has not registered: form, then POST."""

    @task
    def register_once(self):
        session_key = next(_pool_sessions, None)
        if session_key is None:  # every prepared person has registered: end the run
            self.environment.runner.quit()
            return
        self.fresh_client(session_key)
        self.register(page_name="/register/ (before POST)")


class Registrant(Visitor):
    """One of the 100 registrants, all started at once: signs in with their own account,
    registers once, and stops; the last one to finish ends the run."""

    @task
    def sign_in_and_register(self):
        email = next(_registrants)
        FLOW["first_request"] = FLOW["first_request"] or time.time()
        try:
            self.sign_in(email)
            self.register()
        finally:
            FLOW["last_answer"] = time.time()
            FLOW["flows_done"] += 1
        if FLOW["flows_done"] == len(PLAN["registrants"]):
            self.environment.runner.quit()
        else:
            raise StopUser()


@events.init.add_listener
def environment_keep(environment, **_kwargs):
    ENVIRONMENT.append(environment)


@events.quit.add_listener
def outcome_write(exit_code, **_kwargs):
    """Locust's figures, once every virtual user has stopped, to BENCH_TRUST_OUT (its CSV files
    are written every second and may miss the last requests)."""
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
    outcome = {"exit_code": exit_code, "rows": rows, "errors": errors, "flow": FLOW}
    Path(os.environ["BENCH_TRUST_OUT"]).write_text(json.dumps(outcome), encoding="utf-8")
