"""MkDocs adapter: pages readable as published (no raw markup shown, tables that fit a phone)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from academy import cache, identity, model, mount, sitetree, tables, visible
from academy.problems import Problem

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.reading")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    # Runs after mkdocs-jupyter (priority 100) has turned the notebook into Markdown.
    if page.file.src_uri.endswith(".ipynb"):
        return visible.strip_inlined_css(markdown)
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    return tables.stackable_tables(html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    # A title set on the page is the nav's (« - "Titre": page.md »); the theme prints it as the page's <h1>
    # when the page has none of its own. A marker in it is the nav-marker rule's, at mkdocs.yml.
    title = vars(page).get("title")
    nav_title = title if isinstance(title, str) and "<h1" not in (page.content or "") else None
    # Content-keyed: a page built again with the same HTML (a warm build, `make serve`) is not read again.
    snippets = cache.value("visible", cache.key(cache.code_digest(), output, nav_title or ""),
                           lambda: visible.raw_markup(output, nav_title))
    source = model.for_build(config).site.files.get(page.file.src_uri, "")  # "" for a generated page
    if source and not source.endswith(".ipynb"):  # its markers are the identity-marker rule's, at their line
        snippets = [s for s in snippets if not identity.MARKER.fullmatch(s)]
    if snippets:
        uri = page.file.src_uri
        rel = uri if uri.split("/")[0] in mount.MOUNTED else f"{sitetree.DOCS}/{uri}"
        log.warning(str(Problem(rel, 1, 1, visible.message(snippets), visible.RULE)))
    return None
