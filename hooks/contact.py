"""MkDocs adapter: the « Contact » page filled from extra.academy (see academy.contact)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from academy import contact

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.contact")


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    for problem in contact.problems(config.extra.get("academy", {})):
        log.warning(str(problem))
    return None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if page.file.src_uri != contact.PAGE:
        return None
    return contact.decorate(markdown, config.extra.get("academy", {}))
