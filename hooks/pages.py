"""MkDocs adapter: replace the authors' markers (talk list, notebook buttons) in pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from academy import model, pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    uri = page.file.src_uri
    project = model.for_build(config)
    if pages.TALK_LIST in markdown:
        markdown = markdown.replace(pages.TALK_LIST, pages.talk_list(list(project.talks), uri))
    if "academy:notebook" in markdown:
        markdown = pages.notebook_links(markdown, uri, config.repo_url or "", project.identity.branch,
                                        has_guide=pages.GUIDE in project.site.pages)
    return markdown
