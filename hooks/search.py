"""MkDocs adapter: each page says its type for the search ranking; Pagefind indexes the built site.

Under ``make serve``, once the first build has its index, each rebuild refreshes it in the
background (academy.search.Refresher): the reload after a save does not wait for Pagefind.
Either way an unchanged set of pages restores the stored index instead of running Pagefind.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from academy import search
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any] | None:
    context["academy_search_kind"] = search.kind(page.file.src_uri)  # read by hooks/theme/main.html
    return context


log = logging.getLogger("mkdocs.hooks.search")
# The serve process keeps this module between rebuilds (MkDocs loads each hook once).
_serving = {"on": False}
_refresher = search.Refresher(lambda error: log.warning(str(error)))


def on_startup(*, command: str, dirty: bool) -> None:
    _serving["on"] = command == "serve"


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if _serving["on"] and (site / search.OUTPUT_SUBDIR).is_dir():
        _refresher.request(site)
        return
    try:
        search.build_index(site)
    except search.SearchIndexError as error:
        raise PluginError(str(error)) from error
