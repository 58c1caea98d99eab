"""The benchmark of the public written-input pages (``make bench``, ``python -m bench``).

Not a test: it creates its own PostgreSQL database (the name must contain "bench"), fills it
with 56 published inputs of generated text, serves the portal with gunicorn on the loopback
interface and measures the list, a search and the JSON next to a bare Django view. Figures go
to the terminal and to bench/results/submissions.json (git-ignored).

Beside it: bench.report (the summary report's compile) and bench.trust (with Locust: the
public pages, signing in and registering, and 100 people registering at once, then a check
that each registration exists exactly once) and bench.pages (with Locust: every page, signed
out and signed in, in three languages, against its aim). bench.server holds what the runs
share: a free port and the portal under gunicorn; bench.locust_runs and bench.locust_users
what the Locust runs share.
"""

BARE_PATH = "/bench/bare/"
