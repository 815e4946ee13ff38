# Two commands for a newcomer: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

# Django 6 needs Python 3.12 or newer: use one from PATH, else one pyenv has installed.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 \
	$$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V | tail -n 1); do \
	  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	  && { command -v $$p; break; }; done)

.PHONY: run test lint bench verify clean

$(BIN)/between: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Between needs Python 3.12 or newer (Django 6). Install python3.12+ and retry."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.dev: $(BIN)/between
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

run: $(BIN)/between
	BETWEEN_DEBUG=$${BETWEEN_DEBUG:-1} $(BIN)/between migrate --no-input -v0
	BETWEEN_DEBUG=$${BETWEEN_DEBUG:-1} $(BIN)/between demo --if-empty
	@echo
	@echo "Between is on http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)."
	@echo "Demo sign-ins use the password $${BETWEEN_DEMO_PASSWORD:-between-demo}:"
	@echo "  client@demo.between, client2@demo.between (clients)"
	@echo "  clinician@demo.between, admin@demo.between, peer@demo.between (their TOTP secrets: $(BIN)/between demo --json)"
	BETWEEN_DEBUG=$${BETWEEN_DEBUG:-1} $(BIN)/between runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev
	$(BIN)/ruff check between tests benchmarks verify
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check between tests benchmarks verify

bench: $(VENV)/.dev
	$(BIN)/python benchmarks/run.py

# Attacks, crashes and generated API requests against a real server; one table of figures.
# On PostgreSQL when DATABASE_URL names a server. VERIFY_ARGS=--bounded is CI's short run.
verify: $(VENV)/.dev
	$(BIN)/python verify/run.py $(VERIFY_ARGS)

clean:
	rm -rf $(VENV) var/static
