"""MkDocs adapter: the PDF download buttons of the talks and the playbook (see academy.handouts)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from academy import handouts

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if not os.environ.get(handouts.ENV):
        return None
    return handouts.with_link(markdown, page.file.src_uri)
