"""MkDocs adapter for the cohorts (« promotions »): their pages and calendars, from the project model.

``on_files`` keeps the YAML files out of ``site/`` and adds the generated pages and calendars
(the rules are reported by hooks/checks.py). ``on_page_markdown`` adds the dates to each
talk page and the next session to the home page. The engine: academy/cohorts/.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from academy import model
from academy.cohorts import publish
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    result = model.for_build(config).calendar
    for src_uri in result.sources:
        if (file := files.get_file_from_path(src_uri)) is not None:
            files.remove(file)
    for src_uri, content in result.files.items():
        file = File.generated(config, src_uri, content=content)
        file.edit_uri = result.edit_uris.get(src_uri)  # « edit this page » opens the YAML file
        files.append(file)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    return publish.decorate(page.file.src_uri, markdown, model.for_build(config).calendar)
