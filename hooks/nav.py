"""MkDocs adapter: expand glob entries of the nav once every hook has added its pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from academy.mount import expand_nav
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


@event_priority(-100)  # after the hooks and plugins that add generated pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    if config.nav is None:  # no nav declared: MkDocs lists every page itself
        return None
    config.nav = expand_nav(config.nav, [f.src_uri for f in files.documentation_pages()])
    return None
