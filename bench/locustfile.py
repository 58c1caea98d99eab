"""The virtual users of bench.trust. Not run by hand: bench.trust starts one headless Locust run
per scenario, naming the user class, with BENCH_TRUST_PLAN pointing to the accounts and sessions
it made (and, for ``Page``, BENCH_TRUST_PATH to the page); the figures go to BENCH_LOCUST_OUT
(bench/locust_users.py, shared with bench.pages).

Every virtual user presents its own client address in X-Forwarded-For (bench.settings trusts
one proxy), as people signing in from different places would. Redirects are not followed: a
sign-in or a registration must answer 302 to /my/, a page 200; anything else is a failure.
"""

import itertools
import json
import os
import re
import time
from pathlib import Path

from locust import task
from locust.exception import StopUser

from bench.locust_users import OUTCOME_EXTRA
from bench.locust_users import Visitor as BaseVisitor

PLAN = json.loads(Path(os.environ["BENCH_TRUST_PLAN"]).read_text(encoding="utf-8"))
LOGIN, REGISTER, AFTER = "/accounts/login/", "/register/", "/my/"
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')

_sign_in_accounts = itertools.cycle(PLAN["sign_in_accounts"])
_page_sessions = itertools.cycle(PLAN["page_sessions"])
_pool_sessions = iter(PLAN["pool_sessions"])
_registrants = iter(PLAN["registrants"])
FLOW = {"first_request": None, "last_answer": None, "flows_done": 0}
OUTCOME_EXTRA["flow"] = FLOW


class Visitor(BaseVisitor):
    abstract = True
    session_cookie_name = PLAN["session_cookie"]

    def expect(self, method: str, path: str, status: int, *, data=None, name=None) -> bytes:
        """One request; a failure unless it answers ``status`` (a 302 must lead to /my/)."""
        return super().expect(
            method,
            path,
            status,
            data=data,
            name=name,
            redirect_to=AFTER if status == 302 else None,
        )

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
