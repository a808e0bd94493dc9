"""MkDocs adapter: the « Contact » page filled from extra.academy (see academy.contact).

Only the fields that pass the schema are used; the brand rule (hooks/checks.py) reports the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from academy import contact, extra_academy

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if page.file.src_uri != contact.PAGE:
        return None
    return contact.decorate(markdown, extra_academy.usable_fields(config.extra.get("academy")))
