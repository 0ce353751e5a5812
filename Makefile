# EthicsDesk: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
CATALOGUES := $(wildcard ethicsdesk/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)
# `make run` is a local demo: development mode keeps a generated SECRET_KEY in the instance
# folder and allows plain http on 127.0.0.1. Production sets ETHICSDESK_ENV=production.
export ETHICSDESK_ENV ?= development

.PHONY: run test test-browser install install-test translations translations-update lint format migrate demo-data clean

run: install migrate demo-data
	@echo ""
	@echo "EthicsDesk runs on http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@echo ""
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - wsgi:app

test: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

test-browser: install-test
	$(BIN)/pytest -m browser tests/browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

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
