"""MkDocs adapter: source files that would crash the build or leak are made safe (see academy.published).

The checks report each problem (encoding, stray-data); this hook only keeps the build going:
a page that is not UTF-8 is read with its undecodable bytes replaced (so the strict build
lists every problem before it stops, and ``mkdocs serve`` still shows the page), a link whose
address MkDocs cannot read (« https://[à-remplir]/ ») gets its brackets percent-encoded, and a
stray data file is left out of the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from academy import links, model, published, textfile

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    project = model.for_build(config)  # its text of each file: read once, shared with the checks
    for file in list(files):
        if published.is_stray_data(file.src_uri):
            files.remove(file)
        elif file.src_uri.endswith(".md") and file.abs_src_path:
            path = Path(file.abs_src_path).resolve()
            if path.is_relative_to(project.root) and project.text(path.relative_to(project.root).as_posix()) is not None:
                continue  # UTF-8: MkDocs reads it as it is
            if (text := textfile.lenient(path.read_bytes())) is not None:
                file.content_string = text
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    return links.readable_addresses(markdown) if "//" in markdown else None
