"""MkDocs adapter: source files that would crash the build or leak are made safe (see academy.published).

The checks report each problem (encoding, stray-data); this hook only keeps the build going:
a page that is not UTF-8 is read with its undecodable bytes replaced (so the strict build
lists every problem before it stops, and ``mkdocs serve`` still shows the page), a link whose
address MkDocs cannot read (« https://[à-remplir]/ ») gets its brackets percent-encoded, and a
stray data file is left out of the site.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from academy import links, published, textfile

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    for file in list(files):
        if published.is_stray_data(file.src_uri):
            files.remove(file)
        elif file.src_uri.endswith(".md") and file.abs_src_path:
            with open(file.abs_src_path, "rb") as source:
                raw = source.read()
            if (text := textfile.lenient(raw)) is not None:
                file.content_string = text
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    return links.readable_addresses(markdown) if "//" in markdown else None
