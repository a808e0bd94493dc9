"""MkDocs adapter: the academy's identity and colours from mkdocs.yml (``extra.academy``).

``on_config`` sets what follows from the identity block (name, logo, contact, repo_name,
copyright); ``on_files`` serves the colours as CSS (the brand rule checks them); ``on_page_markdown``
replaces the ``{{ academy.name }}``-style markers, last, after the hooks that add text, and in
the page's ``title``; ``on_nav`` replaces them in the titles that the nav of mkdocs.yml gives.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from academy import brand, contact, escaping, extra_academy, identity, markers, model
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

_state: dict[str, identity.Identity] = {}  # reset by on_config: `mkdocs serve` keeps this module


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    # Only the fields that pass the schema (a wrong shape or a javascript: address is reported by the brand rule).
    academy = extra_academy.usable_fields(config.extra.get("academy", {}))
    who = _state["identity"] = identity.from_mapping(academy)
    # One place for a company that copies the site: extra.academy in mkdocs.yml.
    if who.name:
        config.site_name = who.name
    for key, value in identity.settings(who).items():
        config[key] = value
    if who.logo:
        config.theme["logo"] = who.logo
        config.theme["favicon"] = who.logo
    has_page = (Path(config.docs_dir) / contact.PAGE).is_file()
    if link := contact.footer_link(academy, who.site_url, has_page):  # the Contact page: no GitHub account needed
        config.extra["social"] = [{"icon": "material/message-text-outline", "link": link, "name": f"Contacter {who.organisation or config.site_name}"}]
    # Text from mkdocs.yml that Material prints without escaping it (<title>, header, <meta>, footer).
    for key, value in escaping.theme_settings(config).items():
        config[key] = value
    config.extra_css.insert(0, brand.CSS_URI)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    css = model.for_build(config).generated[brand.CSS_URI].content
    if css is not None:  # None while the colours have a problem (the brand rule, hooks/checks.py, reports it)
        files.append(File.generated(config, brand.CSS_URI, content=css))
    return files


@event_priority(-50)  # after the hooks that insert generated text (cohorts, pages)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    # Unknown markers are reported with their line by the checks (academy.checks), not here.
    who = _state.get("identity") or identity.Identity()
    if isinstance(description := page.meta.get("description"), str):
        page.meta["description"] = escaping.html_text(identity.expand(description, who, raw=True))  # Material prints it raw
    if isinstance(title := page.meta.get("title"), str):  # the nav, <title>, the page's heading
        page.meta["title"] = identity.expand(title, who)
    return identity.expand(markdown, who) if "academy." in markdown else None


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    # Sections and pages titled in mkdocs.yml's nav; pages titled by their front matter: on_page_markdown.
    markers.expand_nav_titles(nav.items, _state.get("identity") or identity.Identity())
    return None
