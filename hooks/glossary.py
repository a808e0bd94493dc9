"""MkDocs adapter: the glossary page and its tooltips on every page (see academy.glossary)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from academy import glossary, model
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    project = model.for_build(config)
    if data := files.get_file_from_path(glossary.GLOSSARY_FILE):
        files.remove(data)
    page = project.generated.get(glossary.PAGE_URI)
    files.append(File.generated(config, glossary.PAGE_URI, content=page.content if page else glossary.render_page([])))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    entries = model.for_build(config).glossary or ()
    return f"{markdown}\n\n{glossary.abbreviations(list(entries))}\n"


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    entries = model.for_build(config).glossary or ()
    return glossary.untip_proper_nouns(html, glossary.capitalised_forms(list(entries)))
