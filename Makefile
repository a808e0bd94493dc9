# Data Hive Academy — the commands of the README. `make help` lists them.
# Every target first makes sure .venv matches requirements.lock (the pinned dependencies).

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SITE_DIR ?= site
# Cache for executed notebooks: outside the source tree (the build writes only to site/).
export ACADEMY_CACHE_DIR ?= $(HOME)/.cache/data-hive-academy

# The first Python >= 3.12 found: pyenv (.python-version), then python3.13, python3.12, python3.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 $$HOME/.pyenv/versions/3.1[23]*/bin/python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)

.PHONY: help serve build check test test-fast pdf bench data lock browser clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "Erreur : Python 3.12 ou plus récent est introuvable." >&2; \
		echo "Installez-le (par exemple « pyenv install 3.12 » ou « apt-get install python3.12 »)," >&2; \
		echo "ou indiquez-le : make PYTHON=/chemin/vers/python3.12 $(MAKECMDGOALS)" >&2; \
		exit 1; fi
	@if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

browser: ## Install Debian's chromium for the browser tests (once)
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
		else echo "Erreur : installez chromium (sudo apt-get install chromium) pour les tests dans le navigateur." >&2; exit 1; fi; }

serve: $(STAMP) ## Build and serve the site at http://127.0.0.1:8000, reloaded on every edit
	ACADEMY_SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP) ## Strict build into site/
	$(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

check: $(STAMP) ## The authors' checks, without a full build
	$(BIN)/academy check

test: $(STAMP) browser ## The whole test suite (builds the site, runs notebooks, drives chromium)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## Unit tests only (no site build, no browser)
	$(BIN)/python -m pytest -m "not slow and not browser"

pdf: build ## PDF handouts (each talk, the playbook) into site/pdf/
	$(BIN)/python -m academy.pdf $(SITE_DIR)

bench: $(STAMP) browser ## Benchmark: build times, page weights, Lighthouse scores
	$(BIN)/python tests/benchmark.py

data: $(STAMP) ## Regenerate the synthetic datasets of exercises/data/
	$(BIN)/python exercises/data/generate.py

lock: $(STAMP) ## Re-pin requirements.lock from pyproject.toml
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.12 --universal -o requirements.lock

clean: ## Remove site/ and .venv
	rm -rf $(SITE_DIR) $(VENV)
