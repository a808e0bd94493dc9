"""MkDocs adapter: the glossary page and its tooltips on every page (see academy.glossary)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from academy import glossary
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.glossary")
_abbreviations = ""
_capitalised: frozenset[str] = frozenset()


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    global _abbreviations, _capitalised
    source = Path(config.docs_dir) / glossary.GLOSSARY_FILE
    rel = Path(config.docs_dir).relative_to(Path(config.config_file_path).resolve().parent) / glossary.GLOSSARY_FILE
    entries, problems = glossary.load(source.read_text(encoding="utf-8"), rel.as_posix())
    for problem in problems:
        log.warning(str(problem))
    _abbreviations = glossary.abbreviations(entries)
    _capitalised = glossary.capitalised_forms(entries)
    if data := files.get_file_from_path(glossary.GLOSSARY_FILE):
        files.remove(data)
    files.append(File.generated(config, "glossaire.md", content=glossary.render_page(entries)))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    return f"{markdown}\n\n{_abbreviations}\n"


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    return glossary.untip_proper_nouns(html, _capitalised)
