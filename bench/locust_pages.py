"""The virtual users of bench.pages. Not run by hand: bench.pages starts one headless Locust run
per row with BENCH_PAGES_ROW holding the row as JSON: the path, the content type it must answer
with, extra headers, the portal's session cookie name and the sessions to read it signed in
with (none: signed out). Every answer must be a 200 of that content type, else a failure."""

import itertools
import json
import os

from locust import task

from bench.locust_users import Visitor

ROW = json.loads(os.environ["BENCH_PAGES_ROW"])
_sessions = itertools.cycle(ROW["sessions"] or [None])


class Reader(Visitor):
    """One person reading one page over and over; each virtual user with a session of its own
    when the row is signed in."""

    session_cookie_name = ROW["session_cookie"]

    def on_start(self):
        self.fresh_client(next(_sessions))

    @task
    def read(self):
        self.expect(
            "GET",
            ROW["path"],
            200,
            headers=ROW["headers"],
            content_type=ROW["content_type"],
        )
