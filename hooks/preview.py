"""MkDocs adapter for ``make serve`` (see academy.preview); it does nothing outside ``serve``.

- Each page shows its own problems in a banner. `make serve` (academy.serve) serves with
  ``strict=False``, so a problem never freezes the preview; `make build` stays strict.
- `make serve` rebuilds only the pages whose source changed (MkDocs' ``--dirty``); when a save
  changes what many pages show (``preview.shared_inputs``), every page is rebuilt.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from academy import cache, model, preview
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


class _Problems(logging.Handler):
    """The warnings of the current build, kept to show them on their pages."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# The serve process keeps this module between rebuilds (MkDocs loads each hook once).
_problems = _Problems()
_serving: dict[str, object] = {"on": False, "dirty": False, "shared": None, "sources": {}}


def on_startup(*, command: str, dirty: bool) -> None:
    _serving.update(on=command == "serve", dirty=dirty, shared=None, sources={})


@event_priority(100)  # first, so the handler sees every other hook's warnings
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    # "mkdocs", or "properdocs", which also receives the records of the "mkdocs.*" loggers.
    logger = logging.getLogger(File.__module__.split(".")[0])
    if not _serving["on"]:
        logger.removeHandler(_problems)
        return None
    _problems.messages.clear()
    if _problems not in logger.handlers:
        logger.addHandler(_problems)
    return config


@event_priority(-110)  # once every hook has added its files and hooks/nav.py has made the menu
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    if not (_serving["on"] and _serving["dirty"]):
        return None
    root = Path(config.config_file_path).resolve().parent
    sources = [Path(f.abs_src_path) for f in files.documentation_pages() if f.abs_src_path and f.src_uri.endswith(".md")]
    shared = preview.shared_inputs(root, sources, [f.src_uri for f in files])
    everything = _serving["shared"] not in (None, shared)
    calendar = model.for_build(config).calendar  # what the cohorts add to other pages (hooks/cohorts.py)
    added = {f"talks/{slug}/index.md": text for slug, text in calendar.talk_dates.items()} | {"index.md": calendar.current}
    dependents = preview.dependents(added, _serving)
    for file in files.documentation_pages():  # MkDocs rebuilds a page whose output is missing
        if (everything or file.src_uri in dependents) and os.path.isfile(file.abs_dest_path):
            os.remove(file.abs_dest_path)
    _serving["shared"] = shared
    # A file read from a content-keyed cache (an executed notebook, a published copy) changes its
    # path, not its time, when its source changes: back to an earlier text, it is an older file.
    sources = {f.src_uri: f.abs_src_path for f in files if f.abs_src_path}
    moved = set(preview.moved_sources(_serving["sources"], sources))
    for file in files:
        if file.src_uri in moved and os.path.isfile(file.abs_dest_path):
            os.remove(file.abs_dest_path)
    _serving["sources"] = sources
    # A generated page (glossary, cohorts, printable playbook) counts as changed at every build;
    # from a file that is rewritten only when its text changes, it is rebuilt only then.
    folder = cache.cache_dir("preview", cache.key(str(root), config.site_dir))
    for file in [f for f in files.documentation_pages() if f.generated_by is not None]:
        path = folder / file.src_uri
        content = file.content_bytes
        if not path.is_file() or path.read_bytes() != content:
            cache.write_atomic(path, content)
        on_disk = File(file.src_uri, src_dir=str(folder), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        on_disk.edit_uri = file.edit_uri
        files.remove(file)
        files.append(on_disk)
    return files


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    if not _serving["on"]:
        return None
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    uri = page.file.src_uri
    paths = {uri, f"{docs}/{uri}", page.file.edit_uri or ""}
    return preview.with_banner(output, preview.page_problems(_problems.messages, paths))
