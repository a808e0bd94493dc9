"""MkDocs adapter: the printable playbook page, playbook/imprimer.md (see academy.printable)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from academy import model, textfile
from academy.mount import expand_nav, nav_pages
from academy.printable import PRINTABLE_URI, Source, printable_page
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


@event_priority(-90)  # after the hooks that add pages, before hooks/nav.py expands the menu (-100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    pages = {f.src_uri: f for f in files.documentation_pages()}
    order = [uri for uri in nav_pages(expand_nav(config.nav or [], list(pages))) if uri.startswith("playbook/") and uri in pages]
    if existing := files.get_file_from_path(PRINTABLE_URI):
        files.remove(existing)
    project = model.for_build(config)  # the pages' text, as the snapshot has read it already
    sources = []
    for uri in [u for u in dict.fromkeys(order) if u != PRINTABLE_URI]:
        text = project.text(f"{project.settings.docs_dir}/{uri}")
        sources.append(Source(uri, textfile.as_mkdocs_reads(text) if text is not None else pages[uri].content_string))
    printable = File.generated(config, PRINTABLE_URI, content=printable_page(sources))
    printable.edit_uri = None  # generated: there is no source file to edit
    files.append(printable)
    return files

