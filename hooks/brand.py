"""MkDocs adapter: the academy's colours from mkdocs.yml, checked and served as CSS."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from academy import brand
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.brand")


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    config.extra_css.insert(0, "assets/colors.css")
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    colors = config.extra.get("academy", {}).get("colors", {})
    problems = brand.check_colors(colors)
    for problem in problems:
        log.warning(str(problem))
    if not problems:
        files.append(File.generated(config, "assets/colors.css", content=brand.css(colors)))
    return files
