"""MkDocs adapter for the cohorts (« promotions »): rules in academy/cohorts.py, pages in academy/calendar.py.

``on_files`` reads ``docs/promotions/*.yml``, logs every problem as a warning (so ``--strict``
fails after listing them all), keeps the YAML files out of ``site/`` and adds the generated
pages and calendars. ``on_page_markdown`` adds the dates to each talk page and the next
session to the home page. Set ``ACADEMY_TODAY=AAAA-MM-JJ`` to fix the build date.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from academy import calendar, cohorts
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.cohorts")
_state: dict[str, cohorts.Build] = {}  # reset by on_config: `mkdocs serve` keeps this module


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    _state.clear()
    return None


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    try:
        today = calendar.build_date(os.environ.get("ACADEMY_TODAY"))
    except ValueError as error:
        raise PluginError(f"ACADEMY_TODAY: {error}") from None
    try:
        result = cohorts.build(
            Path(config.config_file_path).resolve().parent, Path(config.docs_dir), today, config.site_url or ""
        )
    except (OSError, calendar.RenderError) as error:
        raise PluginError(f"promotions : {error}") from error
    for problem in result.problems:
        log.warning(str(problem))
    for src_uri in result.sources:
        if (file := files.get_file_from_path(src_uri)) is not None:
            files.remove(file)
    for src_uri, content in result.files.items():
        file = File.generated(config, src_uri, content=content)
        file.edit_uri = result.edit_uris.get(src_uri)  # « edit this page » opens the YAML file
        files.append(file)
    _state["build"] = result
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    result = _state.get("build")
    return cohorts.decorate(page.file.src_uri, markdown, result) if result is not None else None
