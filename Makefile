# EthicsDesk: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
BENCH_INSTALLED := $(VENV)/.installed-bench
# wrk drives the load; WeasyPrint (the PDF peer) needs Pango and HarfBuzz's subsetter
BENCH_DEBIAN := wrk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# the suite checks PDFs with poppler's pdfsig and qpdf, drives Debian's chromium (never a
# downloaded browser) and runs the benchmark's smoke variant
TEST_DEBIAN := poppler-utils qpdf chromium $(BENCH_DEBIAN)
BENCH_POSTGRES ?= postgresql://postgres@127.0.0.1:5432/postgres
CATALOGUES := $(wildcard ethicsdesk/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)
# `make run` is a local demo: development mode keeps a generated SECRET_KEY in the instance
# folder and allows plain http on 127.0.0.1. Production sets ETHICSDESK_ENV=production.
export ETHICSDESK_ENV ?= development

.PHONY: bench bench-smoke bench-debian test-debian debian-packages run test test-browser audit install install-test translations translations-update lint format migrate demo-data clean

run: install migrate demo-data
	@echo ""
	@echo "EthicsDesk runs on http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@echo ""
	$(BIN)/gunicorn --config gunicorn.conf.py --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - wsgi:app

test: install-test test-debian
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

test-browser: install-test test-debian
	$(BIN)/pytest -m browser tests/browser

# Known vulnerabilities in the installed dependencies (pip-audit, with PyPI's project JSON as
# the fallback where its per-release JSON is not served; AUDIT_FLAGS=--strict also fails on
# packages neither could check) and high-severity findings in our own code (bandit).
AUDIT_FLAGS ?=
audit: install-test
	$(BIN)/bandit -q -r ethicsdesk compass dpia_templates -lll
	$(BIN)/python tools/audit_dependencies.py $(AUDIT_FLAGS)

# make bench: SQLite, then PostgreSQL when a server answers on 127.0.0.1 (in a database of its
# own, created and dropped); writes bench/RESULTS.md. BENCH_ARGS passes options to bench.run.
bench: install bench-debian $(BENCH_INSTALLED)
	$(BIN)/python -m bench.run $(if $(shell pg_isready -q -h 127.0.0.1 2>/dev/null && echo up),--postgres $(BENCH_POSTGRES)) $(BENCH_ARGS)

bench-smoke: install bench-debian $(BENCH_INSTALLED)
	$(BIN)/python -m bench.run --smoke --output $(or $(BENCH_OUTPUT),/tmp/ethicsdesk-bench-smoke.md) $(BENCH_ARGS)

bench-debian:
	@$(MAKE) --no-print-directory debian-packages PACKAGES="$(BENCH_DEBIAN)"

test-debian:
	@$(MAKE) --no-print-directory debian-packages PACKAGES="$(TEST_DEBIAN)"

# Installs the missing ones with apt-get (as root); otherwise says which to install.
debian-packages:
	@missing=""; for package in $(PACKAGES); do \
		dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ] && [ "$$(id -u)" != 0 ]; then \
		echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; \
	elif [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(BENCH_INSTALLED): $(INSTALLED)
	$(BIN)/pip install --quiet -e ".[postgres,bench]"
	@touch $@

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools

$(INSTALLED): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e ".[postgres]"
	@touch $@

$(TEST_INSTALLED): $(INSTALLED)
	$(BIN)/pip install --quiet -e ".[postgres,test]"
	@touch $@

install: $(INSTALLED) translations

install-test: $(TEST_INSTALLED) translations

translations: $(COMPILED)

%.mo: %.po $(INSTALLED)
	$(BIN)/pybabel -q compile -i $< -o $@ --use-fuzzy

# After changing user-facing text: extract, merge into the catalogues, then translate nl.
translations-update: $(INSTALLED)
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -o ethicsdesk/translations/messages.pot \
		--no-location --sort-output --omit-header .
	$(BIN)/pybabel -q update -i ethicsdesk/translations/messages.pot -d ethicsdesk/translations \
		--no-fuzzy-matching --width 100

migrate: install
	$(BIN)/flask --app wsgi db upgrade

demo-data: install
	$(BIN)/flask --app wsgi ethicsdesk demo-data

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
