"""MkDocs adapter: the glossary page and its tooltips on every page (see academy.glossary).

The tooltips are the ``abbr`` extension's ``glossary`` option, set once per build: no page gets
the glossary's definitions appended to its text (41 KB parsed again on every page). The pages'
HTML without the tooltips that a proper noun or a file name would carry is kept by content.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from academy import cache, glossary, model
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    if "abbr" not in config.markdown_extensions:
        return None
    try:
        text = (Path(config.docs_dir) / glossary.GLOSSARY_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""  # no glossary, or unreadable: the checks say so (rules glossary, encoding)
    entries, _ = glossary.load(text, glossary.GLOSSARY_FILE) if text else ([], [])
    options = dict(config.mdx_configs.get("abbr") or {})
    options["glossary"] = {**options.get("glossary", {}), **glossary.tooltips(list(entries or ()))}
    config.mdx_configs["abbr"] = options
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    project = model.for_build(config)
    if data := files.get_file_from_path(glossary.GLOSSARY_FILE):
        files.remove(data)
    page = project.generated.get(glossary.PAGE_URI)
    files.append(File.generated(config, glossary.PAGE_URI, content=page.content if page else glossary.render_page([])))
    return files


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    capitalised = glossary.capitalised_forms(list(model.for_build(config).glossary or ()))
    # A function of the page's HTML and of those forms only: kept by content (academy.cache).
    key = cache.key(cache.code_digest(), "\n".join(sorted(capitalised)), html)
    return cache.text("untipped", key, lambda: glossary.untip_names(glossary.untip_proper_nouns(html, capitalised)))
