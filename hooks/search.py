"""MkDocs adapter: each page says its type for the search ranking; Pagefind indexes the built site."""

from __future__ import annotations

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


def on_post_build(*, config: MkDocsConfig) -> None:
    try:
        search.build_index(Path(config.site_dir))
    except search.SearchIndexError as error:
        raise PluginError(str(error)) from error
