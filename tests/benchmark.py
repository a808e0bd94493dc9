"""Benchmark of the site (a script, not a test): ``make bench``.

Measures, on a copy of the repository in a temporary folder (the repository is never touched),
and prints side by side, in one run, the figures of issue 12:

- the warm strict build (``--strict``, without ``--quiet``: a warning fails it, and the
  benchmark says so and exits 1) against two baselines, with the page count of each and
  both ratios; medians of ``--runs`` builds, the three run in turn:

  - « Material + mkdocs-jupyter, les mêmes N pages », the baseline the target is judged on:
    every page of our site (the Markdown of docs/, talks/ and exercises/, the generated pages
    — glossary, cohorts, printable playbook — written out as Markdown from the project model,
    and the notebooks as the executed copies of the execution cache) built by Material and
    mkdocs-jupyter with our options (``execute: false``) but without our hooks or template.
    Its page count must equal ours, or the benchmark says so and exits 1;
  - « Material seul, N pages Markdown »: only the Markdown files of docs/, talks/ and
    exercises/, no plugin but Material's search (no notebooks, no generated pages), the
    baseline first measured for issue 12, printed for information.

  First, a proof that the strict build can fail: with a broken link added to a guide, it
  must stop and name that link;
- under ``make serve`` (academy.serve, the command authors run), the time from saving a talk,
  a guide, a cohort file and a Markdown cell of a notebook (each save adds a sentence) to that
  sentence being in the visible text of the page open in Chromium, reloaded by the preview's
  own live-reload script (median of ``--edits`` saves each). A save the page never shows
  within a minute counts as « timeout » (« échec » when the server stopped) and the
  benchmark goes on;
- ``academy check`` on the whole repository (median of ``--runs``, after one run that warms the caches);
- from a fresh ``git clone`` (of the committed HEAD) to the first page served by
  ``make serve`` (with the time the installation took, from its « Environnement prêt »
  line), with the package cache of this machine, and the size of that serve-only environment (``--skip-fresh-clone`` to leave it out: it takes about two minutes);
- optionally (``--weights``, ``--lighthouse``): bytes per page type on a first visit, and
  Lighthouse scores (npm ``lighthouse`` 12.2.3, installed once into a cache folder), with
  the targets of issue 8 (a talk page under 300 KB transferred, mobile performance ≥ 95...).

Every figure comes with the CPU time it took (user + system, which the load of the machine
changes less than the wall time) and with ``/proc/loadavg`` before and after. Prints a table
and writes everything to ``site/benchmark.json``. Options: ``--help``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from academy.localsite import CHROMIUM_ARGS, PAGE_TYPES, chromium_path, serve  # noqa: E402

ENGINE = os.environ.get("ENGINE", "properdocs")

PAGES = PAGE_TYPES
LIGHTHOUSE_VERSION = "12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Issue 8 (only with --weights / --lighthouse): Lighthouse scores, a talk page under 300 KB transferred.
# Issue 12: reloads under make serve, the build ratio, academy check, the first install.
TARGETS = {"performance-mobile": 95, "accessibility": 100, "best-practices": 100, "seo": 100, "talk-bytes": 300 * 1024,
           "reload_s": 1.0, "reload_notebook_s": 2.0, "build_ratio": 1.3, "check_s": 1.0, "fresh_clone_s": 120,
           "serve_env_mb": 500}
IGNORED = {".venv", "site", ".git", "__pycache__", "node_modules", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints", ".hypothesis"}
PLAIN_CONFIG = """site_name: Plain Material
docs_dir: docs
theme:
  name: material
  language: fr
  font: false
plugins:
  - search:
      lang: fr
markdown_extensions: {extensions}
"""
SAME_PAGES_CONFIG = """site_name: Plain Material and mkdocs-jupyter
docs_dir: docs
theme:
  name: material
  language: fr
  font: false
plugins: {plugins}
markdown_extensions: {extensions}
"""


def copy_repository(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=lambda folder, names: [n for n in names if n in IGNORED])
    return target


def environment(cache_dir: Path, root: Path) -> dict[str, str]:
    """The variables of an author's shell, for a command run in the copy ``root`` (its own engine).

    PYTHONDONTWRITEBYTECODE is left out: an author's Python keeps the compiled hooks in
    __pycache__ (ignored by git); here that folder is in the copy, never in the repository."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "ACADEMY_CACHE_DIR": str(cache_dir), "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(root / "hooks")}


def load() -> str:
    """The machine's load (1, 5, 15 minutes), from /proc/loadavg: every figure depends on it."""
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])
    except OSError:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())


def children_cpu() -> float:
    """User + system seconds of the finished child processes (less sensitive to load than wall time)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_cpu(pid: int) -> float:
    """User + system seconds of a running process and of its finished children (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def summary(walls: list[float], cpus: list[float], failures: list[str] = ()) -> dict:
    """Medians of what succeeded, every run kept; ``failures``: the runs that failed, and why."""
    out: dict = {"runs_s": [round(t, 2) for t in walls], "cpu_runs_s": [round(t, 2) for t in cpus], "failures": list(failures)}
    out["median_s"] = round(statistics.median(walls), 2) if walls else None
    out["cpu_median_s"] = round(statistics.median(cpus), 2) if cpus else None
    return out


class BuildFailed(Exception):
    pass


def timed_build(root: Path, site_dir: Path, cache_dir: Path, strict: bool = True, config: str = "mkdocs.yml") -> tuple[float, float]:
    """(wall, cpu) seconds of one build with the default engine; a strict build fails on any warning (no --quiet)."""
    command = [sys.executable, "-m", ENGINE, "build", "-f", config, "--site-dir", str(site_dir), "--strict" if strict else "--no-strict"]
    cpu, start = children_cpu(), time.perf_counter()
    result = subprocess.run(command, cwd=root, env=environment(cache_dir, root), capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - start, children_cpu() - cpu
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    if result.returncode != 0 or (strict and warnings):
        raise BuildFailed(f"code {result.returncode}, {len(warnings)} avertissements :\n" + "\n".join(result.stderr.splitlines()[-40:]))
    return elapsed, cpu



def _mkdocs_yml(root: Path) -> dict:
    """Our mkdocs.yml as data (its ``!ENV`` and other tags read as None)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def _copy_markdown_pages(root: Path, docs: Path) -> None:
    """docs/ (not its data files), talks/ and exercises/ (not their notebooks, scripts, data)."""
    shutil.copytree(root / "docs", docs, ignore=shutil.ignore_patterns("*.yml"))
    for folder in ("talks", "exercises"):
        shutil.copytree(root / folder, docs / folder, ignore=shutil.ignore_patterns("*.ipynb", "*.py", "*.csv"))


def plain_material(root: Path, target: Path) -> Path:
    """The Markdown pages of docs/, talks/ and exercises/ as a plain Material site: no hooks, no notebooks,
    no generated pages (fewer pages than ours: the baseline that issue 12 first measured)."""
    _copy_markdown_pages(root, target / "docs")
    extensions = _mkdocs_yml(root)["markdown_extensions"]
    (target / "mkdocs.yml").write_text(PLAIN_CONFIG.format(extensions=json.dumps(extensions)), encoding="utf-8")
    return target


def same_pages_material(root: Path, target: Path, cache: Path) -> tuple[Path, str]:
    """Our pages, all of them, as a Material + mkdocs-jupyter site without our hooks or template.

    The Markdown pages of docs/, talks/ and exercises/; the pages the build generates (glossary,
    cohorts, printable playbook), written out as Markdown files from the project model
    (academy.model, as hooks/glossary.py, hooks/cohorts.py and hooks/printable.py take them);
    and the notebooks as executed copies from the execution cache (as hooks/mount.py takes them),
    so that mkdocs-jupyter renders their outputs like ours. mkdocs-jupyter gets our options
    (execute: false) but no custom template. Returns the folder and how the notebooks were got.
    """
    from academy import execute, identity, model, textfile
    from academy.mount import expand_nav, nav_pages
    from academy.printable import PRINTABLE_URI, Source, printable_page

    docs = target / "docs"
    _copy_markdown_pages(root, docs)
    config = _mkdocs_yml(root)
    previous = os.environ.get("ACADEMY_CACHE_DIR")
    os.environ["ACADEMY_CACHE_DIR"] = str(cache)  # the build's cache: its executed notebooks
    try:
        project = model.load(root)
        for uri, generated in project.generated.items():
            if uri.endswith(".md") and isinstance(generated.content, str):
                (docs / uri).parent.mkdir(parents=True, exist_ok=True)
                (docs / uri).write_text(generated.content, encoding="utf-8")
        available = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
        order = [u for u in nav_pages(expand_nav(config.get("nav") or [], available)) if u.startswith("playbook/") and u in available]
        sources = [Source(u, textfile.as_mkdocs_reads((docs / u).read_text(encoding="utf-8"))) for u in dict.fromkeys(order) if u != PRINTABLE_URI]
        (docs / PRINTABLE_URI).write_text(printable_page(sources), encoding="utf-8")
        data_url, executed = identity.data_url(project.identity), 0
        for rel in project.notebooks:
            run = execute.run(project, rel)
            executed += run.cached
            shutil.copyfile(identity.published_notebook(run.path, data_url, execute.cache_dir()), docs / rel)
    finally:
        if previous is None:
            os.environ.pop("ACADEMY_CACHE_DIR", None)
        else:
            os.environ["ACADEMY_CACHE_DIR"] = previous
    jupyter = next(p["mkdocs-jupyter"] for p in config["plugins"] if isinstance(p, dict) and "mkdocs-jupyter" in p)
    jupyter = {k: v for k, v in jupyter.items() if k != "custom_template"}
    jupyter["execute"] = False
    jupyter["ignore"] = [g for g in jupyter.get("ignore", []) if not g.endswith(".ipynb")]  # the executed copies are the pages
    plugins = json.dumps([{"search": {"lang": "fr"}}, {"mkdocs-jupyter": jupyter}])
    (target / "mkdocs.yml").write_text(SAME_PAGES_CONFIG.format(extensions=json.dumps(config["markdown_extensions"]), plugins=plugins),
                                       encoding="utf-8")
    how = f"notebooks exécutés, tirés du cache d'exécution ({executed} sur {len(project.notebooks)} y étaient déjà)"
    return target, how


BROKEN_LINK = "page-absente-du-banc-d-essai.md"


def strict_can_fail(root: Path, site_dir: Path, cache: Path) -> str:
    """Proof that the timed strict build fails on a problem: with a broken link in a guide it must.

    Returns « oui » when it failed naming that link, otherwise what happened instead.
    """
    guide = root / "docs/guides/mentorat.md"
    original = guide.read_bytes()
    guide.write_bytes(original + f"\n[Lien cassé]({BROKEN_LINK})\n".encode())
    try:
        timed_build(root, site_dir, cache)
    except BuildFailed as error:
        return "oui" if BROKEN_LINK in str(error) else f"échec sans le lien cassé : {str(error)[:300]}"
    finally:
        guide.write_bytes(original)
    return "non : la construction stricte a réussi malgré un lien cassé"


def pages_built(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("index.html"))


def builds(root: Path, work: Path, cache: Path, runs: int) -> dict:
    print("Construction à froid...", file=sys.stderr)
    out: dict = {"load_before": load()}
    try:
        out["cold_s"], out["cold_cpu_s"] = (round(x, 2) for x in timed_build(root, work / "site", cache))
    except BuildFailed as error:
        print(f"La construction stricte a échoué ({error})", file=sys.stderr)
        out["cold_s"] = out["cold_cpu_s"] = None
        out["cold_failure"] = str(error)
    out["strict_can_fail"] = strict_can_fail(root, work / "site-broken", cache)
    same, how = same_pages_material(root, work / "same", cache)  # after the cold build: the notebooks are in the cache
    out["same_pages_notebooks"] = how
    plain = plain_material(root, work / "plain")
    # (key, what is built, site folder, strict): ours, then the two baselines, in turn.
    variants = [("warm", root, work / "site", True), ("same_pages_material", same, work / "same-site", False),
                ("plain_material", plain, work / "plain-site", False)]
    measured: dict[str, tuple[list, list, list]] = {key: ([], [], []) for key, *_ in variants}
    for run in range(runs):  # alternately, each in turn first, so that all see the same load
        print(f"Construction à chaud, Material + mkdocs-jupyter, Material seul ({run + 1}/{runs})...", file=sys.stderr)
        for key, folder, site, strict in variants[run % 3:] + variants[:run % 3]:
            try:
                wall, cpu = timed_build(folder, site, cache, strict)
                measured[key][0].append(wall)
                measured[key][1].append(cpu)
            except BuildFailed as error:
                measured[key][2].append(str(error).splitlines()[0])
                print(f"La construction a échoué ({error})", file=sys.stderr)
    for key, *_ in variants:
        out[key] = summary(*measured[key])
    out["pages"] = {"ours": pages_built(work / "site"), "same_pages": pages_built(work / "same-site"), "plain": pages_built(work / "plain-site")}
    if out["pages"]["same_pages"] != out["pages"]["ours"]:
        out["same_pages_mismatch"] = (f"la base « mêmes pages » a {out['pages']['same_pages']} pages, "
                                      f"notre site {out['pages']['ours']} : le rapport ne compare pas les mêmes pages")
        print(f"ATTENTION : {out['same_pages_mismatch']}", file=sys.stderr)
    warm = out["warm"]
    for name, base in (("same_pages", out["same_pages_material"]), ("markdown_only", out["plain_material"])):
        out[f"ratio_{name}"] = round(warm["median_s"] / base["median_s"], 2) if warm["median_s"] and base["median_s"] else None
        out[f"cpu_ratio_{name}"] = (round(warm["cpu_median_s"] / base["cpu_median_s"], 2)
                                    if warm["cpu_median_s"] and base["cpu_median_s"] else None)
    out["load_after"] = load()
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class WaitFailed(Exception):
    """A page never showed what it should: ``reason`` is « timeout » or « échec » (the server stopped)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def wait_for(url: str, process: subprocess.Popen, timeout: float, text: str | None = None, absent: bool = False) -> float:
    """Seconds until ``url`` answers (and shows ``text``, or no longer shows it when ``absent``)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            raise WaitFailed("échec", f"make serve s'est arrêté (code {process.returncode})")
        page = fetch(url)
        if page is not None and (text is None or (text in page) != absent):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise WaitFailed("timeout", f"{url} n'a pas été servie en {timeout:.0f} s" + (f" {'sans' if absent else 'avec'} « {text} »" if text else ""))



def _notebook_edit(path: Path, marker: str) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in data["cells"] if c["cell_type"] == "markdown")
    cell["source"] = [*cell["source"][:-1], cell["source"][-1].rstrip("\n") + "\n", "\n", f"Mesure {marker}.\n"] if cell["source"] else [f"Mesure {marker}.\n"]
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _paragraph(path: Path, marker: str) -> None:
    """A sentence a reader sees at the end of the page (not a comment: the browser must show it)."""
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\nMesure {marker}.\n", encoding="utf-8")


COHORT = next((p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "docs/promotions").glob("*.yml"))), "docs/promotions/2027.yml")
# What an author saves, and the page that must show it: (label, file, page, edit(path, marker)).
EDITS = [
    ("talk", "talks/02-donateurs-benevoles/index.md", "talks/02-donateurs-benevoles/", _paragraph),
    ("guide", "docs/guides/mentorat.md", "guides/mentorat/", _paragraph),
    ("cohort", COHORT, f"promotions/{Path(COHORT).stem}/",  # the first cohort (a copy has its own)
     lambda path, marker: path.write_text(re.sub(r"(\n    place: [^\n]*)", rf"\1, salle {marker}", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")),
    ("notebook-markdown", "exercises/02-segmentation-donateurs/segmentation-donateurs.ipynb",
     "exercises/02-segmentation-donateurs/segmentation-donateurs/", _notebook_edit),
]
# True when the page the browser shows has the text (its rendered text, not its HTML source).
_SHOWS = "marker => document.body !== null && document.body.innerText.includes(marker)"


def browser_wait(page, process: subprocess.Popen, timeout: float, marker: str, absent: bool = False) -> float:
    """Seconds until the open page, reloaded by the preview's own live-reload script, shows ``marker``
    (or no longer shows it, when ``absent``) in its visible text."""
    from playwright.sync_api import Error

    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            raise WaitFailed("échec", f"make serve s'est arrêté (code {process.returncode})")
        try:
            if page.evaluate(_SHOWS, marker) != absent:
                return time.perf_counter() - start
        except Error:  # the page is being reloaded: no document to read yet
            pass
        time.sleep(0.02)
    raise WaitFailed("timeout", f"{page.url} n'a pas {'retiré' if absent else 'affiché'} « {marker} » en {timeout:.0f} s")


def serve_reloads(root: Path, cache_dir: Path, edits: int, timeout: float = 60) -> dict:
    """`make serve`'s command in the copy; for each kind of file, save, and time until the page
    open in Chromium shows it.

    The page is opened once before the save and never fetched again by the benchmark: what
    reloads it is the live-reload script that the preview injects, as in the author's browser.
    The time runs from the save to the moment the new text is in the page's visible text.
    A save whose page never shows the change within ``timeout`` counts as « timeout » (« échec »
    when the server stopped), and the benchmark goes on with the next one.
    """
    from playwright.sync_api import sync_playwright

    port = free_port()
    command = [sys.executable, "-m", "academy.serve", "--port", str(port), "--engine", ENGINE]
    log_path = root.parent / "serve.log"
    log = log_path.open("w")
    process = subprocess.Popen(command, cwd=root, env=environment(cache_dir, root), stdout=log, stderr=subprocess.STDOUT)
    result: dict = {"load_before": load()}
    base = f"http://127.0.0.1:{port}/"
    try:
        try:
            result["first_build_s"] = round(wait_for(base, process, 900), 2)
        except WaitFailed as error:
            result["first_build_s"], result["failure"] = None, f"{error.reason} : {error}"
            return result
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            for label, rel, url, edit in EDITS:
                path = root / rel
                original = path.read_bytes()
                walls: list[float] = []
                cpus: list[float] = []
                failures: list[str] = []
                page.goto(base + url, wait_until="load")
                for _ in range(edits):
                    if process.poll() is not None:
                        failures.append("échec : make serve s'est arrêté")
                        continue
                    time.sleep(1.0)  # a distinct modification time for the watcher
                    # Letters only: digits in a cohort file could read as a phone number.
                    marker = "mesure" + "".join(chr(97 + int(d)) for d in str(time.time_ns() % 10**9))
                    cpu = process_cpu(process.pid)
                    edit(path, marker)
                    saved = time.perf_counter()
                    try:
                        browser_wait(page, process, timeout, marker)
                        walls.append(time.perf_counter() - saved)
                        cpus.append(process_cpu(process.pid) - cpu)
                    except WaitFailed as error:
                        failures.append(f"{error.reason} : {error}")
                    time.sleep(1.0)
                    path.write_bytes(original)  # and wait for that rebuild too, so the next save starts clean
                    try:
                        browser_wait(page, process, timeout, marker, absent=True)
                    except WaitFailed as error:
                        failures.append(f"{error.reason} (retour au texte d'origine) : {error}")
                result[label] = summary(walls, cpus, failures)
            browser.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        result["load_after"] = load()
        result["rebuild_lines"] = [line for line in log_path.read_text(encoding="utf-8").splitlines() if "reconstruit" in line]
    return result


def check_time(root: Path, cache: Path, runs: int = 5) -> dict:
    """`academy check` on the whole repository, as authors run it (median of ``runs``, after one to warm up)."""
    walls, cpus, failures = [], [], []
    command = [sys.executable, "-m", "academy", "check"]
    subprocess.run(command, cwd=root, env=environment(cache, root), capture_output=True)  # the caches, as a warm build leaves them
    before = load()
    for _ in range(runs):
        cpu, start = children_cpu(), time.perf_counter()
        done = subprocess.run(command, cwd=root, env=environment(cache, root), capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - cpu)
        if done.returncode not in (0, 1):
            failures.append(f"échec (code {done.returncode}) : {done.stderr.strip()[-300:]}")
    return {**summary(walls, cpus, failures), "load_before": before, "load_after": load()}



def fresh_clone(work: Path, timeout: float = 900) -> dict:
    """`git clone` of HEAD, then `make serve` until the first page answers; the size of .venv."""
    clone, cache = work / "clone", work / "clone-cache"
    start = time.perf_counter()
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE"))}
    env.update(ACADEMY_CACHE_DIR=str(cache), PATH=os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p))
    log = (work / "clone.log").open("w")
    process = subprocess.Popen(["make", "serve", f"PORT={port}"], cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    out: dict = {"load_before": load()}
    ready: list[float] = []

    def copy_output() -> None:  # into clone.log, noting when the environment is ready
        for line in process.stdout:
            log.write(line)
            if line.startswith("Environnement prêt"):
                ready.append(time.perf_counter() - start)

    reader = threading.Thread(target=copy_output, daemon=True)
    reader.start()
    try:
        wait_for(f"http://127.0.0.1:{port}/", process, timeout)
        out["first_page_s"] = round(time.perf_counter() - start, 1)
    except WaitFailed as error:
        out["first_page_s"], out["failure"] = None, f"{error.reason} : {error}"
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
        reader.join(timeout=10)
        log.close()
    out["installed_s"] = round(ready[0], 1) if ready else None
    size = sum(f.stat().st_size for f in (clone / ".venv").rglob("*") if f.is_file() and not f.is_symlink())
    first_lines = (work / "clone.log").read_text(encoding="utf-8").splitlines()[:4]
    return {**out, "serve_env_mb": round(size / 1e6), "first_output": first_lines, "load_after": load()}


def page_weights(site_dir: Path) -> dict:
    """Bytes on the wire (headers + compressed bodies) and decoded bytes, per page, first visit."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with serve(site_dir, compress=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            if not (site_dir / path / "index.html").is_file():
                continue
            context = browser.new_context(locale="fr-FR", viewport={"width": 412, "height": 823}, is_mobile=True)
            page = context.new_page()
            finished = []
            page.on("requestfinished", lambda request, finished=finished: finished.append(request))
            page.goto(base + path, wait_until="networkidle")
            transferred = decoded = 0
            for request in finished:
                sizes = request.sizes()
                transferred += sizes["responseHeadersSize"] + sizes["responseBodySize"]
                response = request.response()
                decoded += len(response.body()) if response else 0
            weights[name] = {"requests": len(finished), "transferred_bytes": transferred, "decoded_bytes": decoded}
            context.close()
        browser.close()
    return weights


def lighthouse_cli(tools_dir: Path) -> Path | None:
    cli = tools_dir / "node_modules" / "lighthouse" / "cli" / "index.js"
    if cli.is_file():
        return cli
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        print("Lighthouse ignoré : node et npm sont introuvables.", file=sys.stderr)
        return None
    tools_dir.mkdir(parents=True, exist_ok=True)
    print(f"Installation de lighthouse {LIGHTHOUSE_VERSION} dans {tools_dir} (une seule fois)...", file=sys.stderr)
    subprocess.run([npm, "i", "-E", f"lighthouse@{LIGHTHOUSE_VERSION}", "--prefix", str(tools_dir), "--no-audit", "--no-fund"], check=True, stdout=subprocess.DEVNULL)
    return cli


def lighthouse(site_dir: Path, cli: Path, runs: int) -> dict:
    """Scores per page and form factor (median of ``runs`` runs), with the audits that lost points."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    scores: dict = {}
    with serve(site_dir, compress=True) as base, tempfile.TemporaryDirectory() as tmp:
        for name, path in PAGES.items():
            if not (site_dir / path / "index.html").is_file():
                continue
            for form in ("mobile", "desktop"):
                reports = []
                for run in range(runs):
                    output = Path(tmp) / f"{name}-{form}-{run}.json"
                    command = ["node", str(cli), base + path, "--quiet", "--output=json", f"--output-path={output}",
                               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}", "--max-wait-for-load=60000"]
                    if form == "desktop":
                        command.append("--preset=desktop")
                    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
                    reports.append(json.loads(output.read_text(encoding="utf-8")))
                scores.setdefault(name, {})[form] = summarise(reports)
    return scores


def summarise(reports: list[dict]) -> dict:
    def median_score(category: str) -> int:
        return round(100 * statistics.median(r["categories"][category]["score"] or 0 for r in reports))

    last = reports[-1]
    lost = sorted(
        {
            audit_id
            for category in CATEGORIES
            for ref in last["categories"][category]["auditRefs"]
            if ref["weight"] > 0
            and (audit_id := ref["id"])
            and last["audits"][audit_id]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
            and (last["audits"][audit_id]["score"] is not None and last["audits"][audit_id]["score"] < 0.9)
        }
    )
    metrics = {key: round(statistics.median(r["audits"][key]["numericValue"] for r in reports)) for key in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")}
    metrics["cumulative-layout-shift"] = round(statistics.median(r["audits"]["cumulative-layout-shift"]["numericValue"] for r in reports), 3)
    return {**{category: median_score(category) for category in CATEGORIES}, "metrics": metrics, "audits_below_90": lost}


def _figure(data: dict | None, unit: str = "s") -> str:
    """A median with its CPU time and every run, or why there is none."""
    if not data or data.get("median_s") is None:
        reasons = sorted({f.split(" ")[0] for f in (data or {}).get("failures", [])}) or ["échec"]
        return f"{'/'.join(reasons):>8}"
    text = f"{data['median_s']:6.2f} {unit} (CPU {data['cpu_median_s']:5.2f} {unit})  {data['runs_s']}"
    if data.get("failures"):
        text += f"  + {len(data['failures'])} en {'/'.join(sorted({f.split(' ')[0] for f in data['failures']}))}"
    return text


def _missed(missed: list[str], what: str, data: dict | None, target: float) -> None:
    if not data or data.get("median_s") is None:
        missed.append(f"{what} : pas de mesure ({'; '.join((data or {}).get('failures', [])[:1]) or 'échec'})")
    elif data["median_s"] > target or data.get("failures"):
        extra = f", {len(data['failures'])} échec(s)" if data.get("failures") else ""
        missed.append(f"{what} : {data['median_s']} s{extra} (cible ≤ {target} s)")


def print_report(result: dict) -> list[str]:
    """The table, and the list of missed targets (those of issue 12; weights and Lighthouse: issue 8)."""
    missed: list[str] = []
    if builds := result.get("build"):
        print(f"\nConstruction du site (médianes, construites en alternance ; charge {builds['load_before']} → {builds['load_after']})")
        cold = f"{builds['cold_s']:6.1f} s (CPU {builds['cold_cpu_s']:5.1f} s)" if builds.get("cold_s") else "   échec"
        pages = builds.get("pages", {})
        same = (f"les mêmes {pages.get('same_pages')} pages" if pages.get("same_pages") == pages.get("ours")
                else f"{pages.get('same_pages')} pages, PAS les mêmes ({pages.get('ours')} chez nous)")
        rows = [("à froid (cache des notebooks vide)", cold),
                (f"à chaud, stricte, notre site ({pages.get('ours')} pages)", _figure(builds["warm"])),
                (f"Material + mkdocs-jupyter, {same}", _figure(builds.get("same_pages_material"))),
                (f"  {builds.get('same_pages_notebooks')} ; pages générées en Markdown ; ni nos hooks ni notre gabarit", None),
                (f"Material seul, {pages.get('plain')} pages Markdown", _figure(builds["plain_material"])),
                ("  ni notebooks ni pages générées", None),
                ("échoue sur un lien cassé (preuve)", builds.get("strict_can_fail"))]
        for label, figure in rows:
            print(f"  {label}" if figure is None else f"  {label:<46}: {figure}")
        if builds.get("strict_can_fail") != "oui":
            missed.append(f"construction stricte : échec de la preuve — {builds.get('strict_can_fail')}")
        if builds.get("same_pages_mismatch"):
            print(f"  ÉCHEC : {builds['same_pages_mismatch']}")
            missed.append(f"base « mêmes pages » : échec — {builds['same_pages_mismatch']}")
        for name, label, judged in (("same_pages", same, True),
                                    ("markdown_only", f"{pages.get('plain')} pages Markdown seules", False)):
            ratio = builds.get(f"ratio_{name}")
            shown = f"{ratio:6.2f} ×  (CPU {builds[f'cpu_ratio_{name}']:.2f} ×)" if ratio else "   échec"
            target = f"(cible ≤ {TARGETS['build_ratio']})" if judged else "(pour information)"
            print(f"  {'rapport, ' + label:<46}: {shown}  {target}")
        if builds.get("cold_failure"):
            missed.append("construction stricte à froid : échec — " + builds["cold_failure"].splitlines()[0])
        ratio = builds.get("ratio_same_pages")
        if ratio is None or ratio > TARGETS["build_ratio"] or builds["warm"]["failures"]:
            missed.append(f"construction à chaud : {ratio} × Material + mkdocs-jupyter sur {same}"
                          f" (cible ≤ {TARGETS['build_ratio']} ; {builds.get('ratio_markdown_only')} × Material seul sur"
                          f" {pages.get('plain')} pages Markdown)"
                          + (f", {len(builds['warm']['failures'])} échec(s) : {builds['warm']['failures'][0]}" if builds["warm"]["failures"] else ""))
    if serve_times := result.get("serve"):
        print(f"\nmake serve, de l'enregistrement au texte affiché dans Chromium (médianes ; charge {serve_times['load_before']} → {serve_times['load_after']})")
        first = f"{serve_times['first_build_s']:6.1f} s" if serve_times.get("first_build_s") else "   échec"
        print(f"  premier affichage                         : {first}")
        if serve_times.get("failure"):
            missed.append(f"make serve : {serve_times['failure']}")
        for label, _, _, _ in EDITS:
            target = TARGETS["reload_notebook_s" if label.startswith("notebook") else "reload_s"]
            print(f"  après modification ({label + ')':<18}     : {_figure(serve_times.get(label))}  (cible ≤ {target} s)")
            _missed(missed, f"rechargement après modification ({label})", serve_times.get(label), target)
    if check := result.get("check"):
        print(f"\nacademy check, tout le dépôt (charge {check['load_before']} → {check['load_after']})")
        print(f"  à chaud                                   : {_figure(check)}  (cible ≤ {TARGETS['check_s']} s)")
        _missed(missed, "academy check", check, TARGETS["check_s"])
    if clone := result.get("fresh_clone"):
        print(f"\nPremière installation (git clone puis make serve, cache pip de la machine ; charge {clone['load_before']} → {clone['load_after']})")
        if clone.get("first_page_s") is None:
            print(f"  jusqu'à la première page servie           :    {clone['failure']}")
            missed.append(f"première page : {clone['failure']}")
        else:
            print(f"  jusqu'à la première page servie           : {clone['first_page_s']:6.1f} s  (cible ≤ {TARGETS['fresh_clone_s']} s)")
            if clone.get("installed_s"):
                print(f"    dont installation de .venv               : {clone['installed_s']:6.1f} s, puis première construction (notebooks exécutés)")
            if clone["first_page_s"] > TARGETS["fresh_clone_s"]:
                missed.append(f"première page : {clone['first_page_s']} s (cible ≤ {TARGETS['fresh_clone_s']} s)")
        print(f"  taille de .venv (affichage seul)          : {clone['serve_env_mb']:6d} Mo (cible ≤ {TARGETS['serve_env_mb']} Mo)")
        if clone["serve_env_mb"] > TARGETS["serve_env_mb"]:
            missed.append(f".venv : {clone['serve_env_mb']} Mo (cible ≤ {TARGETS['serve_env_mb']} Mo)")
    print(f"\nCharge de la machine (1, 5, 15 min, /proc/loadavg) : au début {result['load_start']}, à la fin {result['load_end']} ; {os.cpu_count()} cœurs")
    weights = result.get("weights", {})
    if weights:
        print("\nPoids au premier chargement (compressé, comme sur un hébergeur statique)")
        print(f"  {'page':<12} {'requêtes':>8} {'transféré':>11} {'décompressé':>12}")
        for name, weight in weights.items():
            print(f"  {name:<12} {weight['requests']:>8} {weight['transferred_bytes'] / 1024:>9.0f} Ko {weight['decoded_bytes'] / 1024:>10.0f} Ko")
        if "talk" in weights and weights["talk"]["transferred_bytes"] >= TARGETS["talk-bytes"]:
            missed.append(f"page de talk : {weights['talk']['transferred_bytes'] // 1024} Ko transférés (cible < 300 Ko)")
    scores = result.get("lighthouse", {})
    if scores:
        print("\nLighthouse (performance, accessibilité, bonnes pratiques, SEO)")
        print(f"  {'page':<12} {'mobile':>19}   {'ordinateur':>19}")
        for name, forms in scores.items():
            cells = ["/".join(f"{forms[form][c]:>3}" for c in CATEGORIES) for form in ("mobile", "desktop")]
            print(f"  {name:<12} {cells[0]:>19}   {cells[1]:>19}")
            for form, data in forms.items():
                if form == "mobile" and data["performance"] < TARGETS["performance-mobile"]:
                    missed.append(f"{name} : performance mobile {data['performance']} (cible ≥ 95)")
                for category in ("accessibility", "best-practices", "seo"):
                    if data[category] < TARGETS[category]:
                        missed.append(f"{name} ({form}) : {category} {data[category]} (cible 100) — audits : {', '.join(data['audits_below_90'])}")
    print("\nCibles : " + ("toutes atteintes." if not missed else "manquées :"))
    for line in missed:
        print(f"  - {line}")
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tests/benchmark.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site" / "benchmark.json", help="fichier JSON des résultats")
    parser.add_argument("--runs", type=int, default=5, help="constructions à chaud (et Material seul) ; médiane")
    parser.add_argument("--edits", type=int, default=5, help="enregistrements par type de fichier sous make serve ; médiane")
    parser.add_argument("--skip-serve", action="store_true", help="ne pas mesurer les rechargements sous make serve")
    parser.add_argument("--skip-fresh-clone", action="store_true", help="ne pas mesurer la première installation")
    parser.add_argument("--weights", action="store_true", help="mesurer aussi le poids des pages (navigateur)")
    parser.add_argument("--lighthouse", action="store_true", help="lancer aussi Lighthouse (environ 10 minutes)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="passages de Lighthouse par page et par appareil")
    parser.add_argument("--tools-dir", type=Path, default=Path(os.environ.get("ACADEMY_TOOLS_DIR", Path.home() / ".cache" / "academy-site-tools")) / f"lighthouse-{LIGHTHOUSE_VERSION}")
    args = parser.parse_args(argv)

    result: dict = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "engine": ENGINE, "targets": TARGETS, "load_start": load()}
    with tempfile.TemporaryDirectory(prefix="academy-bench-") as tmp:
        work = Path(tmp)
        root = copy_repository(work / "academy")
        cache = work / "cache"
        cache.mkdir()
        result["build"] = builds(root, work, cache, args.runs)
        print("academy check...", file=sys.stderr)
        result["check"] = check_time(root, cache, args.runs)
        if not args.skip_serve:
            print("make serve : modification d'un talk, d'un guide, d'une promotion, d'un notebook...", file=sys.stderr)
            result["serve"] = serve_reloads(root, cache, args.edits)
        if args.weights:
            print("Poids des pages...", file=sys.stderr)
            result["weights"] = page_weights(work / "site")
        if args.lighthouse and (cli := lighthouse_cli(args.tools_dir)):
            print("Lighthouse (quelques minutes)...", file=sys.stderr)
            result["lighthouse"] = lighthouse(work / "site", cli, args.lighthouse_runs)
        if not args.skip_fresh_clone:
            print("git clone puis make serve (environ deux minutes)...", file=sys.stderr)
            result["fresh_clone"] = fresh_clone(work)
    result["load_end"] = load()
    result["missed"] = print_report(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nRésultats écrits dans {args.out}")
    failed = [line for line in result["missed"] if "échec" in line or "timeout" in line or "pas de mesure" in line]
    return 1 if failed else 0  # a failed build or a reload that never came: the benchmark fails


if __name__ == "__main__":
    sys.exit(main())
