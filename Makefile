# The academy site — the commands of the README. `make help` lists them.
# Every target first makes sure .venv matches requirements.lock (the pinned dependencies).

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
# Two stamps, two locks: `make serve` installs only requirements.lock (building and serving);
# `make test` adds requirements-test.lock (pytest, Playwright, lychee...). `make lock` writes both.
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
SITE_DIR ?= site
PORT ?= 8000
# `make serve POLL=1`: notice saves by reading the files every 0.5 s, where the system reports no change (WSL's /mnt/c, a network share).
POLL ?=
# The engine: ProperDocs, the maintained continuation of MkDocs 1.x; `make build ENGINE=mkdocs`
# builds with MkDocs 1.6.1 itself (both read mkdocs.yml and run the same hooks).
ENGINE ?= properdocs
# Cache for executed notebooks: outside the source tree (the build writes only to site/).
export ACADEMY_CACHE_DIR ?= $(HOME)/.cache/academy-site
# Python's compiled files too (the hooks' __pycache__/ would otherwise land beside them, in the repository).
export PYTHONPYCACHEPREFIX ?= $(ACADEMY_CACHE_DIR)/pycache
# Material's end-of-life banner and the "MkDocs 2.0" notice: known, documented in the README.
export NO_MKDOCS_2_WARNING := 1
# The tests on every core plus one (pytest-xdist, tests/conftest.py), in the order conftest gives them
# (--no-loadscope-reorder: not by group size); `make test XDIST=` runs them in one process.
XDIST ?= -n auto --dist loadgroup --no-loadscope-reorder
# --no-compile: pip byte-compiled all 450 MB at install (a third of it); Python compiles what it imports, once.
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-input --no-compile

# The first Python >= 3.12 found: pyenv (.python-version), then python3.13, python3.12, python3.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 $$HOME/.pyenv/versions/3.1[23]*/bin/python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)

.PHONY: help serve build check test test-fast pdf bench data lock browser calc pdftext clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "Erreur : Python 3.12 ou plus récent est introuvable." >&2; \
		echo "Installez-le (par exemple « pyenv install 3.12 » ou « apt-get install python3.12 »)," >&2; \
		echo "ou indiquez-le : make PYTHON=/chemin/vers/python3.12 $(MAKECMDGOALS)" >&2; \
		exit 1; fi
	@echo "Préparation de l'environnement .venv (la première fois : une à deux minutes)."
	@if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); fi
	@echo "  1/2 Installation des bibliothèques du site ($$(grep -c '^[a-z]' requirements.lock) paquets, versions figées de requirements.lock)..."
	@$(PIP) --require-hashes -r requirements.lock
	@echo "  2/2 Installation du moteur du site (hooks/academy)..."
	@$(PIP) --no-deps -e .
	@rm -f $(TEST_STAMP)
	@touch $(STAMP)
	@echo "Environnement prêt."

$(TEST_STAMP): $(STAMP) requirements-test.lock
	@echo "Installation des outils de test ($$(grep -c '^[a-z]' requirements-test.lock) paquets, versions figées de requirements-test.lock)..."
	@$(PIP) --require-hashes -r requirements-test.lock
	@touch $(TEST_STAMP)

browser: ## Install Debian's chromium for the browser tests (once)
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
		else echo "Erreur : installez chromium (sudo apt-get install chromium) pour les tests dans le navigateur." >&2; exit 1; fi; }

calc: ## Install LibreOffice Calc (headless) for the workbook tests (once)
	@command -v soffice >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui >/dev/null; \
		else echo "Erreur : installez LibreOffice Calc (sudo apt-get install libreoffice-calc-nogui) pour les tests des classeurs." >&2; exit 1; fi; }

pdftext: ## Install poppler's pdftotext, with which the tests read the PDF handouts' text back (once)
	@command -v pdftotext >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
		else echo "Erreur : installez poppler-utils (sudo apt-get install poppler-utils) pour vérifier le texte des PDF." >&2; exit 1; fi; }

serve: $(STAMP) ## Build and serve the site at http://127.0.0.1:8000 (make serve PORT=8001), reloaded on every edit
	@$(BIN)/python -m academy.serve --port $(PORT) --engine $(ENGINE) $(if $(POLL),--poll)

build: $(STAMP) ## Strict build into site/
	$(BIN)/$(ENGINE) build --strict -f mkdocs.yml --site-dir $(SITE_DIR)

check: $(STAMP) ## The authors' checks, without a full build
	$(BIN)/academy check

test: $(TEST_STAMP) browser calc pdftext ## The whole test suite (builds the site, runs notebooks, drives chromium, recalculates the workbooks in LibreOffice)
	$(BIN)/python -m pytest $(XDIST)

test-fast: $(TEST_STAMP) ## Unit tests only (no site build, no browser)
	$(BIN)/python -m pytest $(XDIST) -m "not slow and not browser"

pdf: $(TEST_STAMP) browser ## The site with its PDF handouts (each talk, the playbook) in site/pdf/, linked from their pages
	ACADEMY_PDF=1 $(BIN)/$(ENGINE) build --strict -f mkdocs.yml --site-dir $(SITE_DIR)
	$(BIN)/python -m academy.pdf $(SITE_DIR)

bench: $(TEST_STAMP) browser ## Benchmark: builds, reloads under serve, checks, first install (a few minutes)
	$(BIN)/python tests/benchmark.py

data: $(STAMP) ## Regenerate the synthetic datasets of exercises/data/
	$(BIN)/python exercises/data/generate.py

# Both locks from pyproject.toml, with hashes; the test lock keeps the serve lock's versions.
lock: $(STAMP) ## Re-pin requirements.lock and requirements-test.lock from pyproject.toml
	@$(PIP) uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.12 --universal -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra test --constraint requirements.lock --generate-hashes --python-version 3.12 --universal -o requirements-test.lock

clean: ## Remove site/ and .venv
	rm -rf $(SITE_DIR) $(VENV)
