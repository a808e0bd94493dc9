"""The site's search index: Pagefind, run over the built site, writing into ``site/pagefind/``.

Pagefind splits the index into small chunks: a reader's browser fetches nothing until the
reader opens the search box, then only the chunks for the words typed (a few kilobytes),
instead of Material's whole-site index on every page load. Pagefind folds accents and case
and applies a French stemmer (the pages say ``lang="fr"``); ``docs/assets/search.js`` adds
word families (« fidéliser » finds « fidèles »), drops French stop words and ranks talks and
guides above notebooks and data pages, using the ``type`` filter that ``kind`` gives each page.

Only prose is indexed: code, notebook inputs and outputs, and buttons are left out, so the
snippets under each result are sentences. Nothing here imports MkDocs.

The index is cached by content (academy.cache): its key is the hash of every HTML file
Pagefind reads (path and bytes), of the Pagefind binary (version and bytes) and of the
command line. A build whose pages did not change copies the stored index into the site
instead of running Pagefind again.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import threading
import zipfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from academy import cache

OUTPUT_SUBDIR = "pagefind"
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDED = (
    "pre",
    ".highlight",
    ".headerlink",
    ".academy-actions",
    ".md-source-file",
    ".md-content__button",
    ".jp-CodeCell .jp-InputArea",
    ".jp-OutputArea",
    ".academy-notebook",
    "[data-pagefind-ignore]",
)


# Pagefind's ready-made interfaces: the site has its own (docs/assets/search.js), so they are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed: the message says what to do."""


def kind(src_uri: str) -> str:
    """The page's type for ranking: talk, guide, playbook, exercice, notebook, donnees..."""
    parts = src_uri.split("/")
    if src_uri.endswith(".ipynb"):
        return "notebook"
    if parts[0] == "talks":
        return "talk" if len(parts) > 2 else "sommaire"
    if parts[0] == "guides":
        return "guide" if parts[-1] != "index.md" else "sommaire"
    if parts[0] == "playbook":
        return "playbook"
    if parts[0] == "exercises":
        return "donnees" if parts[1:2] in (["data"], ["modeles"]) else ("exercice" if len(parts) > 2 else "sommaire")
    if parts[0] == "promotions":
        return "promotion"
    if src_uri == "glossaire.md":
        return "glossaire"
    return "accueil" if src_uri == "index.md" else "page"


def executable() -> Path:
    try:
        import pagefind_bin
    except ImportError as error:
        raise SearchIndexError(
            "Pagefind est introuvable : installez les dépendances du projet (« make build » le fait tout seul)"
        ) from error
    return Path(pagefind_bin.get_executable())


def command(site_dir: Path, binary: Path) -> list[str]:
    return [
        str(binary),
        "--site",
        str(site_dir),
        "--output-subdir",
        OUTPUT_SUBDIR,
        "--root-selector",
        ROOT_SELECTOR,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
        "--force-language",
        "fr",
        "--quiet",
    ]


CACHE_NAMESPACE = "pagefind"
CACHE_KEEP = 16  # stored indexes kept (the newest used): a serve session makes one per saved change
_SITE = "{site}"  # a placeholder: the key does not depend on where the site is


def pages(site_dir: Path) -> list[Path]:
    """The HTML files Pagefind reads (all of them, its default glob), sorted; not those of its own folder."""
    output = site_dir / OUTPUT_SUBDIR
    return sorted(p for p in site_dir.rglob("*.html") if p.is_file() and not p.is_relative_to(output))


def binary_identity(binary: Path) -> str:
    """The binary's version and the hash of its bytes (hashed once per installed file, then stored)."""
    try:
        version = metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        version = "?"
    stat = binary.stat()
    stamp = cache.key(str(binary.resolve()), str(stat.st_size), str(stat.st_mtime_ns), str(stat.st_ino))
    digest = cache.text("pagefind-binary", stamp, lambda: hashlib.sha256(binary.read_bytes()).hexdigest())
    return f"pagefind_bin {version} sha256:{digest}"


def index_key(site_dir: Path, binary: Path) -> str:
    """The hash of everything the index depends on: the pages (paths and bytes), the binary, the command."""
    options = command(Path(_SITE), Path("pagefind"))[1:]
    parts: list[str | bytes] = [binary_identity(binary), "\0".join(options), "\0".join(UNUSED)]
    # Pagefind also reads its PAGEFIND_* variables and a pagefind.yml (.toml, .json) where it runs.
    parts += sorted(f"{name}={value}" for name, value in os.environ.items() if name.startswith("PAGEFIND_"))
    for config in sorted(Path.cwd().glob("pagefind.*")):
        parts += [config.name, config.read_bytes()]
    for page in pages(site_dir):
        parts += [page.relative_to(site_dir).as_posix(), page.read_bytes()]
    return cache.key(*parts)


def run_pagefind(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    """Run Pagefind (the one place it runs: tests count the runs here)."""
    return subprocess.run(arguments, capture_output=True, text=True, check=False)


def _pack(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # Pagefind's chunks are gzipped already
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.writestr(path.relative_to(folder).as_posix(), path.read_bytes())
    return buffer.getvalue()


def _unpack(data: bytes, site_dir: Path) -> Path:
    """Replace ``site_dir/pagefind`` by the stored index: written beside it, then swapped in."""
    output = site_dir / OUTPUT_SUBDIR
    fresh = Path(tempfile.mkdtemp(dir=site_dir, prefix=f".{OUTPUT_SUBDIR}-new-"))
    fresh.chmod(0o755)  # mkdtemp's folder is private; the site's folders are readable by all, like Pagefind's own
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                parts = Path(name).parts
                if Path(name).is_absolute() or ".." in parts or not parts:
                    raise zipfile.BadZipFile(f"unexpected name in a stored index: {name!r}")
                target = fresh.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
        old = Path(tempfile.mkdtemp(dir=site_dir, prefix=f".{OUTPUT_SUBDIR}-old-"))
        try:
            if output.exists():
                output.rename(old / OUTPUT_SUBDIR)
            fresh.rename(output)
        finally:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return output


def _prune(folder: Path, keep: int = CACHE_KEEP) -> None:
    stored = sorted(folder.glob("*.zip"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for path in stored[keep:]:
        path.unlink(missing_ok=True)


def build_index(site_dir: Path) -> Path:
    """Index the built site in ``site_dir``; returns the folder of the index (inside ``site_dir``).

    A stored index with the same key is copied into the site; otherwise Pagefind runs into a
    temporary folder, what it wrote is stored (atomically), and then copied the same way. A file
    that cannot be read or written (a page removed meanwhile under serve...) is a SearchIndexError.
    """
    try:
        return _build_index(site_dir, executable())
    except OSError as error:
        raise SearchIndexError(f"l'index de recherche n'a pas pu être construit : {error}") from error


def _build_index(site_dir: Path, binary: Path) -> Path:
    key = index_key(site_dir, binary)
    folder = cache.cache_dir(CACHE_NAMESPACE)
    stored = folder / f"{key}.zip"
    try:
        data = stored.read_bytes()
        output = _unpack(data, site_dir)
        os.utime(stored)  # the newest used is kept by _prune
        return output
    except (OSError, zipfile.BadZipFile):
        pass  # not stored (or unreadable): made again below
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".run-") as tmp:
        written = Path(tmp) / OUTPUT_SUBDIR
        arguments = command(site_dir, binary)
        arguments[arguments.index("--output-subdir"):arguments.index("--output-subdir") + 2] = ["--output-path", str(written)]
        result = run_pagefind(arguments)
        if result.returncode != 0 or not written.is_dir():
            detail = (result.stderr or result.stdout).strip()[-2000:]
            raise SearchIndexError(f"l'index de recherche n'a pas pu être construit (Pagefind) : {detail}")
        for name in UNUSED:
            (written / name).unlink(missing_ok=True)
        data = _pack(written)
    if index_key(site_dir, binary) == key:  # no page changed while Pagefind ran (make serve): the key holds
        cache.write_atomic(stored, data)
        _prune(folder)
    return _unpack(data, site_dir)


class Refresher:
    """Under ``make serve``: the index made again in a background thread, so a save's reload never waits for it.

    A request made while Pagefind runs starts one more run once it ends (pages saved meanwhile
    are indexed too); a failure goes to ``report``. The preview's search is a few seconds late,
    ``make build`` still indexes before it ends.
    """

    def __init__(self, report: Callable[[SearchIndexError], None]) -> None:
        self.report = report
        self._lock = threading.Lock()
        self._running = False
        self._again = False
        self.thread: threading.Thread | None = None

    def request(self, site_dir: Path) -> None:
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        self.thread = threading.Thread(target=self._run, args=(site_dir,), name="academy-search-index", daemon=True)
        self.thread.start()

    def _run(self, site_dir: Path) -> None:
        while True:
            try:
                build_index(site_dir)
            except SearchIndexError as error:
                self.report(error)
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False
