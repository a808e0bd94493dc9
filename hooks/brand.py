"""MkDocs adapter: the academy's colours from mkdocs.yml, checked and served as CSS."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from academy import brand
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.brand")


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    academy = config.extra.get("academy", {})
    # One place for a company that copies the site: extra.academy in mkdocs.yml.
    if name := academy.get("name"):
        config.site_name = name
    if logo := academy.get("logo"):
        config.theme["logo"] = logo
        config.theme["favicon"] = logo
    if contact := academy.get("contact_url"):
        who = academy.get("organisation", config.site_name)
        config.extra["social"] = [{"icon": "material/message-text-outline", "link": contact, "name": f"Contacter {who}"}]
    config.extra_css.insert(0, "assets/colors.css")
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    colors = config.extra.get("academy", {}).get("colors", {})
    config_file = Path(config.config_file_path)
    problems = brand.check_colors(colors, config_file.name, config_file.read_text(encoding="utf-8"))
    for problem in problems:
        log.warning(str(problem))
    if not problems:
        files.append(File.generated(config, "assets/colors.css", content=brand.css(colors)))
    return files
