"""MkDocs adapter: under ``serve``, each page shows its own problems in a banner (see academy.preview).

`make serve` (academy.serve) serves with ``strict=False``, so a problem never freezes the preview;
`make build` stays strict, and this hook does nothing outside ``serve``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from academy import preview
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
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
_serving = {"on": False}


def on_startup(*, command: str, dirty: bool) -> None:
    _serving["on"] = command == "serve"


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


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    if not _serving["on"]:
        return None
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    uri = page.file.src_uri
    paths = {uri, f"{docs}/{uri}", page.file.edit_uri or ""}
    return preview.with_banner(output, preview.page_problems(_problems.messages, paths))
