"""MkDocs adapter: report the checking engine's problems as warnings (``--strict`` fails on them)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from academy import checks

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.checks")


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    for problem in checks.check_talks(Path(config.config_file_path).resolve().parent):
        log.warning(str(problem))
    return None
