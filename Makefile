# Everything runs from the project's own virtual environment (.venv), created on first use
# from the hashed lock file. Only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install messages run serve seed migrate admin-password test editor-guide screenshots bench loadtest lint format lock \
	check-lock audit clean

help:  ## Show the available commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-15s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

install: $(VENV)/.installed  ## Create .venv and install the locked dependencies

messages: install  ## Compile the Spanish interface catalogue (locale/es/LC_MESSAGES/django.po)
	$(MANAGE) compilemessages --verbosity 0

migrate: messages
	$(MANAGE) migrate --noinput

seed: migrate  ## Load the CARE demo content (safe to repeat)
	$(MANAGE) seed_demo

# The site's address is where `make run` serves it (HOST, PORT), unless CARE_PUBLIC_URL says
# otherwise; `migrate` gives it to the Site, so every absolute link points there.
run seed migrate: export CARE_PUBLIC_URL ?= http://$(HOST):$(PORT)

run: seed  ## Install, migrate, seed, ensure an admin login, serve http://127.0.0.1:8000
	$(MANAGE) ensure_admin --url http://$(HOST):$(PORT)/admin/
	@echo "Serving the CARE site at http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(MANAGE) runserver $(HOST):$(PORT)

# honcho is given no .env of its own: the shell has read it already, and honcho's reader would
# glue "CARE website <noreply@…>" into one word.
serve: messages  ## Production: proxy, web, worker and scheduler (Procfile; configure in .env)
	@command -v caddy >/dev/null || { echo "make serve puts Caddy in front of the site" \
		"(TLS, static files, images): install it first, e.g. apt-get install caddy." >&2; exit 1; }
	set -a; [ ! -f .env ] || . ./.env; set +a; \
	export DJANGO_SETTINGS_MODULE=care_site.settings.production PATH="$(CURDIR)/$(BIN):$$PATH"; \
	$(MANAGE) check --deploy --fail-level WARNING && \
	$(MANAGE) migrate --noinput && \
	$(MANAGE) collectstatic --noinput --verbosity 0 && \
	exec $(BIN)/honcho start --no-prefix -f Procfile --env /dev/null

admin-password: install  ## Give the admin account a new password and print it
	$(MANAGE) ensure_admin --reset-password

test: messages  ## Run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set)
	$(BIN)/python -m pytest

editor-guide: messages  ## Retake the editors' guide screenshots (docs/editor-guide/) in Chromium
	CARE_EDITOR_GUIDE_DIR=docs/editor-guide $(BIN)/python -m pytest -q tests/browser/test_editor_guide.py

screenshots: messages  ## Retake every page type's screenshots, both languages, 375 and 1280 px (docs/design/)
	CARE_SCREENSHOT_DIR=docs/design/screenshots $(BIN)/python -m pytest -q tests/browser/test_pages.py

bench: messages  ## Benchmarks at 100, 1,000 and 10,000 resources (bench/README.md)
	$(BIN)/python bench/run.py $(ARGS)

loadtest: messages  ## Load and fault runs against gunicorn on 127.0.0.1 (docs/deployment.md)
	$(BIN)/python loadtest/run.py $(ARGS)

lint: install  ## Check code style (ruff) and the import layers (import-linter, docs/architecture.md)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install  ## Format and fix code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock: install  ## Re-pin requirements.lock from pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --group dev --generate-hashes --python-version 3.11 \
		--no-header --quiet -o requirements.lock

check-lock: install  ## Fail if requirements.lock does not match pyproject.toml
	cp requirements.lock $(VENV)/lock-check.txt
	$(BIN)/uv pip compile pyproject.toml --group dev --generate-hashes --python-version 3.11 \
		--no-header --quiet -o $(VENV)/lock-check.txt
	diff -u requirements.lock $(VENV)/lock-check.txt && echo "requirements.lock matches pyproject.toml"

audit: install  ## Check the locked dependencies for known vulnerabilities
	$(BIN)/pip-audit --strict --disable-pip --no-deps -r requirements.lock

clean:  ## Remove the virtual environment and local database
	rm -rf $(VENV) db.sqlite3
