"""The site's search index: Pagefind, run over the built site, writing into ``site/pagefind/``.

Pagefind splits the index into small chunks: a reader's browser fetches nothing until the
reader opens the search box, then only the chunks for the words typed (a few kilobytes),
instead of Material's whole-site index on every page load. Pagefind folds accents and case
and applies a French stemmer (the pages say ``lang="fr"``); ``docs/assets/search.js`` adds
word families (« fidéliser » finds « fidèles »), drops French stop words and ranks talks and
guides above notebooks and data pages, using the ``type`` filter that ``kind`` gives each page.

Only prose is indexed: code, notebook inputs and outputs, and buttons are left out, so the
snippets under each result are sentences. Nothing here imports MkDocs.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

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


def build_index(site_dir: Path) -> Path:
    """Index the built site in ``site_dir``; returns the folder Pagefind wrote (inside ``site_dir``)."""
    result = subprocess.run(command(site_dir, executable()), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise SearchIndexError(f"l'index de recherche n'a pas pu être construit (Pagefind) : {detail}")
    output = site_dir / OUTPUT_SUBDIR
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    return output


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
