# The two commands a newcomer needs: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gcm_review
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

MAKEMESSAGES := $(PY) manage.py makemessages -l fr -l ru --ignore=.venv --ignore=tests \
	--ignore=scripts --ignore=bench --add-location=file --no-obsolete -v0

.PHONY: run test test-fast lint install messages messages-update system-deps services-check \
	worker beat clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 ($(PYTHON)) is needed; install it first." >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	$(PIP) install --quiet -e '.[dev]' 2>&1 | grep -v '^WARNING: Location' ; test $${PIPESTATUS[0]} -eq 0
	touch $(STAMP)

install: $(STAMP) messages

# Compiled catalogues are build products, not committed.
messages: $(STAMP)
	@command -v msgfmt >/dev/null || $(MAKE) --no-print-directory system-deps
	$(PY) manage.py compilemessages --ignore=.venv -v0

# Debian packages a fresh machine lacks: chromium for browser tests, gettext for the
# catalogues, a font with Cyrillic glyphs for PDFs, poppler-utils for reading PDFs back.
system-deps:
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	fc-list 2>/dev/null | grep -qi dejavusans || missing="$$missing fonts-dejavu-core"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

services-check: $(STAMP)
	@DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) scripts/services_check.py

# `make run PORT=8001` serves on another port.
PORT ?= 8000
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py seed --demo
	@echo "Serving http://127.0.0.1:$(PORT) (Ctrl+C to stop). Links in mails and calendars follow"
	@echo "the address the portal is reached at, unless SITE_URL is set."
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# After changing user-facing strings: extract them, then translate the new entries.
messages-update: $(STAMP)
	$(MAKEMESSAGES)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	@before=$$(mktemp -d); cp -r locale "$$before/"; $(MAKEMESSAGES); \
	if ! diff -r -q -I 'POT-Creation-Date' "$$before/locale" locale >/dev/null; then \
	  echo "The catalogues in locale/ miss strings of the code: translate the new entries." >&2; \
	  diff -r -I 'POT-Creation-Date' "$$before/locale" locale | head -40 >&2; exit 1; fi
	$(PY) scripts/messages_check.py
	@# Medium and high severity fail; each reviewed exception carries its reason above `# nosec`.
	$(VENV)/bin/bandit -q -r gcm_review registration submissions sessions_app reports scripts \
	  bench -x '*/migrations/*' -ll

test: system-deps install services-check lint
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(VENV)/bin/pytest

test-fast: install
	$(VENV)/bin/pytest -m "not e2e and not worker"

worker: install
	$(VENV)/bin/celery -A gcm_review worker --loglevel=info

beat: install
	$(VENV)/bin/celery -A gcm_review beat --loglevel=info

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Not a test: throughput of the public written-input pages under gunicorn, next to a bare
# view (bench/__init__.py), then the summary report's compile time and memory
# (bench/report.py), each in its own database, gcm_bench; then, with Locust, the public pages,
# signing in and registering, and 100 people registering at once (bench/trust.py, ~3 minutes,
# database gcm_bench_trust); last, with Locust, every page in English, French and Russian,
# signed out and signed in, against its aim (bench/pages.py, ~10 minutes, gcm_bench_pages;
# BENCH_QUICK=1 for a 1-minute English-only run). Figures go to bench/results/ (git-ignored).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gcm_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/14
BENCH_TRUST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gcm_bench_trust
BENCH_TRUST_REDIS_URL ?= redis://127.0.0.1:6379/13
BENCH_PAGES_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gcm_bench_pages
BENCH_PAGES_REDIS_URL ?= redis://127.0.0.1:6379/12
BENCH_STAMP := $(VENV)/.installed-bench
.PHONY: bench
$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(PIP) install --quiet -e '.[dev,bench]' 2>&1 | grep -v '^WARNING: Location' ; test $${PIPESTATUS[0]} -eq 0
	touch $(BENCH_STAMP)

bench: install services-check $(BENCH_STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) $(PY) -m bench
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) $(PY) -m bench.report
	DATABASE_URL=$(BENCH_TRUST_DATABASE_URL) REDIS_URL=$(BENCH_TRUST_REDIS_URL) $(PY) -m bench.trust
	DATABASE_URL=$(BENCH_PAGES_DATABASE_URL) REDIS_URL=$(BENCH_PAGES_REDIS_URL) $(PY) -m bench.pages

# Backups of the database named by DATABASE_URL (else the local gcm_review), made with pg_dump
# into backups/ (git-ignored; the files hold personal data). `make restore FILE=...` replaces
# the database named by RESTORE_DATABASE_URL, else DATABASE_URL, with a backup: stop the
# portal and its workers first. See scripts/backup.py.
.PHONY: backup restore
backup: $(STAMP)
	$(PY) scripts/backup.py backup

restore: $(STAMP)
	@test -n "$(FILE)" || { echo "Say which backup to restore: make restore FILE=backups/<name>.dump" >&2; exit 2; }
	$(PY) scripts/backup.py restore "$(FILE)"
