"""The benchmark of the public written-input pages (``make bench``, ``python -m bench``).

Not a test: it creates its own PostgreSQL database (the name must contain "bench"), fills it
with 56 published inputs of generated text, serves the portal with gunicorn on the loopback
interface and measures the list, a search and the JSON next to a bare Django view. Figures go
to the terminal and to bench/results/submissions.json (git-ignored).
"""

BARE_PATH = "/bench/bare/"
