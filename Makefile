# The front door: `make help` lists every target.
PYTHON_BIN ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
# Tests run on PostgreSQL (CI's local server) unless DATABASE_URL says otherwise.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/interreg

.DEFAULT_GOAL := help
.PHONY: help system-packages run test lint format messages install install-dev bench bench-compare bench-explain bench-import loadtest

# Debian packages the targets need (bin/system-packages installs the missing ones):
# gettext for the catalogues, Chromium and npm for the browser tests, wrk for bench,
# PostgreSQL's RUM extension for search's ranked reads (search/ranking.py).
PACKAGES ?= gettext chromium npm wrk postgresql-rum

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

system-packages: ## Install the Debian packages the targets need, when missing (idempotent)
	@sh bin/system-packages $(PACKAGES)

$(VENV)/bin/python:
	$(PYTHON_BIN) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.runtime: $(VENV)/bin/python requirements.txt
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.runtime ## Create the virtual environment and install runtime requirements

install-dev: $(VENV)/.dev ## Also install test and lint tools

messages: $(VENV)/.runtime system-packages ## Compile the gettext catalogues in locale/
	$(MANAGE) compilemessages --ignore=$(VENV) --ignore=node_modules -v 0

run: PACKAGES = gettext
run: install messages ## Set up SQLite with demo content and serve on 127.0.0.1:8000
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) seed_demo
	$(MANAGE) setup_editorial
	$(MANAGE) create_local_admin
	$(MANAGE) runserver 127.0.0.1:8000

node_modules/.installed: package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund --silent
	@touch $@

test: PACKAGES = gettext chromium npm postgresql-rum
test: install-dev messages node_modules/.installed ## Lint, then run the whole test suite (PostgreSQL, Chromium)
	$(VENV)/bin/ruff check .
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(VENV)/bin/pytest -n 2

lint: install-dev ## ruff check, ruff format --check and djhtml --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	find . -path ./$(VENV) -prune -o -name '*.html' -path '*templates*' -print | xargs $(VENV)/bin/djhtml --check

format: install-dev ## Format Python with ruff and templates with djhtml
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	find . -path ./$(VENV) -prune -o -name '*.html' -path '*templates*' -print | xargs $(VENV)/bin/djhtml

bench: PACKAGES = wrk postgresql-rum
bench: install system-packages ## Benchmark every page type cold and as served at 1,200 projects and 10,000 stories
	$(PY) bench/run.py

bench-compare: PACKAGES = wrk
bench-compare: install system-packages ## Our cold path beside wagtail's bakerydemo: make bench-compare BAKERYDEMO=<path>
	$(PY) bench/compare.py "$(BAKERYDEMO)"

bench-explain: install ## Where a page's time goes, cold, query by query: make bench-explain PATHS="/historier/"
	$(PY) bench/explain.py $(PATHS)

bench-import: install ## Time import_projects on a list of 1,200 projects and 5,000 partners (PostgreSQL)
	$(PY) bench/import_projects.py

loadtest: install-dev ## 2,000 tips from 40 clients on two servers; PostgreSQL restarted, worker stopped, mail server hanging
	$(PY) bench/loadtest.py
