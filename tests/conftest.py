"""Shared fixtures: the real site built once per session, and tiny sites built in tmp_path."""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
# Talk titles for cohort and calendar tests (short forms, independent of the real talks).
TALK_TITLES = {
    "01-strategie-digitale": "Définir sa stratégie digitale",
    "02-donateurs-benevoles": "Connaître ses donateurs et ses bénévoles",
    "03-parcours-site-web": "Comprendre le parcours sur son site web",
    "04-campagnes-de-dons": "Mesurer ses campagnes de dons",
    "05-reseaux-sociaux": "Engager sur les réseaux sociaux",
    "06-piloter-par-la-donnee": "Piloter son association par la donnée",
}

# Every test build sees the same date, so "past" and "upcoming" sessions do not drift.
TODAY = "2026-11-26"
# Everything the suite, its kernels and its libraries write goes to one scratch folder, removed at
# the end: nothing lands in the repository (.cache/, .hypothesis/) nor in the home folder (~/.cache).
# ACADEMY_TEST_CACHE_DIR, when set, keeps the executed notebooks from one run to the next.
# The folder is made once per run: pytest-xdist's workers (and a pytest started by a test) inherit
# ACADEMY_TEST_SCRATCH, so they share it, and each notebook runs once in the whole run; the process
# that made it removes it.
SHARED_SCRATCH = os.environ.get("ACADEMY_TEST_SCRATCH")
SCRATCH = Path(SHARED_SCRATCH) if SHARED_SCRATCH else Path(tempfile.mkdtemp(prefix="academy-tests-"))
os.environ["ACADEMY_TEST_SCRATCH"] = str(SCRATCH)
ISOLATED = {
    "ACADEMY_TODAY": TODAY,
    "ACADEMY_CACHE_DIR": os.environ.get("ACADEMY_TEST_CACHE_DIR") or str(SCRATCH / "academy-cache"),
    "XDG_CACHE_HOME": str(SCRATCH / "xdg-cache"),
    "XDG_CONFIG_HOME": str(SCRATCH / "xdg-config"),
    "XDG_DATA_HOME": str(SCRATCH / "xdg-data"),
    "MPLCONFIGDIR": str(SCRATCH / "matplotlib"),
    "IPYTHONDIR": str(SCRATCH / "ipython"),
    "JUPYTER_RUNTIME_DIR": str(SCRATCH / "jupyter-runtime"),
    "JUPYTER_PLATFORM_DIRS": "1",
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONPYCACHEPREFIX": str(SCRATCH / "pycache"),  # no __pycache__/ beside the hooks
}
os.environ.update(ISOLATED)
sys.pycache_prefix = ISOLATED["PYTHONPYCACHEPREFIX"]
set_hypothesis_home_dir(str(SCRATCH / "hypothesis"))
# No example database (it would live in .hypothesis/), no deadline (a slow, shared machine is not a bug), and
# fixed examples so that CI is reproducible (two fresh seeds found two real bugs: now explicit @example cases).
settings.register_profile("academy", database=None, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("academy")


def pytest_unconfigure(config: pytest.Config) -> None:
    if not SHARED_SCRATCH:
        shutil.rmtree(SCRATCH, ignore_errors=True)


# A test that asks for a site to build (the real one or a tiny one) is slow: `make test-fast` builds nothing.
BUILDING_FIXTURES = {"site", "tiny_site"}
REAL_SITE_FIXTURES = {"site", "browser"}


def shared_fixture_scope(item: pytest.Item) -> bool:
    """Whether the test uses a fixture made once per module (or class, package): the workbooks, the
    generated data sets, the renamed copy... made once in the run only if the file's tests share a worker."""
    info = getattr(item, "_fixtureinfo", None)
    return bool(info) and any(defs[-1].scope in ("module", "class", "package") for defs in info.name2fixturedefs.values() if defs)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker more than there are cores. A worker often waits (a kernel, LibreOffice,
    Chromium, a preview server): on two cores, 3 workers ran the suite in 159 s, 2 in 172 s."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`make test`: -n auto --dist loadgroup --no-loadscope-reorder), each test is
    its own unit of work, spread over the workers as they free up, but for the tests of a file that
    share a module fixture: one unit, one worker. The real site is built once for all the workers
    (the ``site`` fixture); the order below keeps every core busy."""
    grouped = set()
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BUILDING_FIXTURES & fixtures and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)
        if shared_fixture_scope(item):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
            grouped.add(item)
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: the same order in every worker (sort is stable), as xdist requires
        real_site = [item for item in items if REAL_SITE_FIXTURES & set(getattr(item, "fixturenames", ()))]
        first = real_site[0] if real_site else None
        real_site = set(real_site)
        heavy = {item.nodeid.split("::")[0] for item in grouped if item.get_closest_marker("slow")}

        def rank(item: pytest.Item) -> int:
            if item is first:
                return 0  # one worker starts the real site's build at once; the others run what needs no site meanwhile
            if item in grouped:
                return 1 if item.nodeid.split("::")[0] in heavy else 4  # the longest units first
            if item.get_closest_marker("slow"):
                return 3 if item in real_site else 2  # the site is built by the time these start
            return 4  # the quick tests fill the end, so that the workers finish together

        items.sort(key=rank)


NOTEBOOK_RUNS = Path(ISOLATED["ACADEMY_CACHE_DIR"]) / "notebooks"


def cache_sharing_notebook_runs(folder: Path) -> Path:
    """A new, empty academy cache at ``folder``, but for its executed notebooks: the session's.

    For a test of another cache (page rules, external links) on the sample repository: its
    notebook is executed once per session, not once per such test. The notebook cache is keyed
    by content (academy.execute.cache_key), so sharing it changes no result.
    """
    NOTEBOOK_RUNS.mkdir(parents=True, exist_ok=True)
    folder.mkdir(parents=True)
    (folder / "notebooks").symlink_to(NOTEBOOK_RUNS, target_is_directory=True)
    return folder


def build_site(config_file: Path, site_dir: Path, **overrides) -> None:
    """A strict build as ``mkdocs build`` does it, from a scratch working folder: a plugin that
    writes relative to it (mkdocs-jupyter's ``.cache/`` when its cache is on) writes there."""
    config = load_config(str(config_file), site_dir=str(site_dir), **overrides)
    work = Path(tempfile.mkdtemp(prefix="build-", dir=SCRATCH))
    with contextlib.chdir(work):
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()


def tree_state(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` (but .git, .venv and the linter's cache): path -> (size, modification time)."""
    out = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not (Path(folder) == root and d in (".git", ".venv", ".ruff_cache"))]
        for name in names:
            stat = (Path(folder) / name).lstat()
            out[(Path(folder) / name).relative_to(root).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly once for the whole run, outside the repository. pytest-xdist's
    workers share it: the first one that needs it builds it, the others wait for it (a file lock in
    the run's temporary folder, which their own ones sit in)."""
    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent
    out, before = run / "real-site", run / "real-site-source-tree.json"
    with (run / "real-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even if the build fails
        if not before.exists():  # a failed build leaves no record: the next worker tries, and fails, again
            state = tree_state(ROOT)
            build_site(ROOT / "mkdocs.yml", out)
            before.write_text(json.dumps(state), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def source_tree_before_build(site: Path) -> dict[str, tuple[int, int]]:
    """The repository's files as they were just before the real site was built."""
    saved = json.loads((site.parent / "real-site-source-tree.json").read_text(encoding="utf-8"))
    return {path: tuple(state) for path, state in saved.items()}


TINY_CONFIG = """
site_name: Tiny academy
site_url: https://example.org/tiny/
docs_dir: docs
strict: true
theme:
  name: material
  language: fr
  font: false
extra:
  academy:
    colors: {{primary: "#1f5f5b", accent: "#8a4b00"}}
hooks:
{hooks}
validation:  # as in mkdocs.yml: broken links and anchors are reported once, by hooks/checks.py
  unrecognized_links: ignore
  absolute_links: ignore
  anchors: ignore
  not_found: ignore
"""

TINY_TALK = """\
---
number: 1
title: Un talk de test
summary: Un talk minuscule pour vérifier le montage des fichiers.
duration: 90
level: débutant
objectives:
  - Vous saurez lire un test
  - Vous saurez écrire un test
  - Vous saurez corriger un test
exercises:
  - 01-test
glossary:
  - RGPD
---

## Ce que vous saurez faire

Lire une page montée depuis le dossier talks, hors de docs.
"""


@pytest.fixture
def tiny_site(tmp_path: Path) -> Callable[..., Path]:
    """Write a tiny academy into tmp_path; returns a function that fills it and gives its root."""

    def make(files: dict[str, str] | None = None, hooks: tuple[str, ...] = ("project", "mount", "brand", "glossary", "checks", "nav")) -> Path:
        root = tmp_path / "academy"
        listed = "\n".join(f"  - {HOOKS / name}.py" for name in hooks)
        defaults = {
            "mkdocs.yml": TINY_CONFIG.format(hooks=listed),
            "docs/index.md": "---\ntitle: Accueil\n---\n\nBienvenue. Voir [le talk](talks/01-test/index.md).\n",
            "docs/glossaire.yml": "- term: RGPD\n  definition: Règlement général sur la protection des données personnelles.\n",
            "talks/01-test/index.md": TINY_TALK,
            "exercises/01-test/index.md": "---\ntitle: Exercice de test\ntalk: 01-test\nduration: 45\nkind: worksheet\n---\n\n## Objectif\n\nTester.\n",
        }
        for rel, text in {**defaults, **(files or {})}.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text) if rel == "mkdocs.yml" else text, encoding="utf-8")
        return root

    return make


@pytest.fixture
def mkdocs_warnings(caplog: pytest.LogCaptureFixture) -> Callable[[], list[str]]:
    """The warning messages logged under the mkdocs logger during the test."""
    caplog.set_level(logging.WARNING, logger="mkdocs")

    def messages() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("mkdocs")]

    return messages


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Playwright's sync API allows one at a time)."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright n'est pas installé : lancez « make test »")
    from academy.localsite import CHROMIUM_ARGS, BrowserMissing, chromium_path

    try:
        executable = chromium_path()
    except BrowserMissing as error:
        pytest.fail(str(error))
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
