"""MkDocs adapter: what builds keep between them, outside the repository (see academy.cache).

- The theme's compiled templates. Each build makes a new Jinja environment, which compiled
  every Material template again. Jinja's own bytecode cache keys each template by its name
  and the hash of its source, and writes atomically.
- Each notebook's HTML. mkdocs-jupyter converts every notebook at every build (nbconvert
  compiles its templates each time), and turns its own cache off when a custom template is
  set, as here. The converted notebook is kept under the hash of the notebook, the template
  folder, the plugin's options and the converters' versions; the images it reads are checked
  as mkdocs-jupyter does. It wraps the one function the plugin leaves on the page for that.
- Each page's conversion from Markdown (academy.rendered), under the hash of everything it reads.
  MkDocs calls ``page.render`` right after the ``page_markdown`` event and offers no event
  instead of it; mkdocs-jupyter already replaces it on each notebook page. So the last
  ``page_markdown`` hook wraps the page's own ``render`` (the class's, or mkdocs-jupyter's):
  read from the cache, or convert and store. What the conversion logs is logged again on a hit.
  A render replaced by another plugin is left alone: what it reads is unknown.
"""

from __future__ import annotations

import logging
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from academy import cache, rendered
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink, TableOfContents

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# The build's part of the rendered pages' keys, by the Files it was made for (reset at each build:
# `make serve` keeps this module).
_build_keys: dict[int, str] = {}
_CONVERTERS = ("mkdocs-jupyter", "nbconvert", "nbformat", "jupytext", "pygments", "mistune")


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
    folder = cache.cache_dir("templates")
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
    convert = getattr(page, "_mkdocs_jupyter_content", None)  # set by mkdocs-jupyter's on_pre_page, just before
    if not callable(convert) or not page.file.abs_src_path:
        return None
    plugin = config.plugins.get("mkdocs-jupyter")
    options = dict(plugin.config) if plugin is not None else {}
    template = Path(options["custom_template"]).parent if options.get("custom_template") else None
    parts: list[str | bytes] = [repr(sorted(options.items())), *(f"{n}={version(n)}" for n in _CONVERTERS)]
    for path in sorted(template.rglob("*")) if template else ():
        if path.is_file():
            parts += [path.name, path.read_bytes()]
    key = cache.key(*parts, Path(page.file.abs_src_path).read_bytes())

    def content() -> Any:
        found = cache.value("notebook-html", key, convert)
        return found if cache.files_match(found.get("image_dependencies", {})) else convert()

    page._mkdocs_jupyter_content = content
    return None


def on_pre_build(*, config: MkDocsConfig) -> None:
    _build_keys.clear()


@event_priority(-200)  # the last page_markdown hook: mkdocs-jupyter has set its render (on_pre_page)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    original = page.render
    plugin = config.plugins.get("mkdocs-jupyter")
    notebook = callable(getattr(page, "_mkdocs_jupyter_content", None))  # its "mkdocs" cell processor
    if "render" in vars(page) and not notebook:
        return None  # replaced by a plugin whose inputs are unknown
    engine = File.__module__.split(".")[0]  # "properdocs" (also the parent of "mkdocs"), or "mkdocs"
    loggers = [engine, "mkdocs"]
    unset = object()

    def render(config: MkDocsConfig, files: Files) -> None:
        place: dict[str, object] = {"src_uri": page.file.src_uri, "url": page.file.url, "excluded": page.file.inclusion.is_excluded()}
        if notebook:  # mkdocs-jupyter's extension may set the title, from these
            place |= {"plugin": dict(plugin.config) if plugin else {}, "meta": page.meta, "title": vars(page).get("title")}
        try:
            if (build := _build_keys.get(id(files))) is None:  # the same for every page of a build
                settings = {
                    "engine": engine, "extensions": config.markdown_extensions, "options": config.mdx_configs,
                    "use_directory_urls": config.use_directory_urls, "validation": config.validation,
                    "levels": [logging.getLogger(name).getEffectiveLevel() for name in loggers],
                }
                listed = ((f.src_uri, f.url, f.is_documentation_page(), f.inclusion.is_excluded()) for f in files)
                build = _build_keys[id(files)] = rendered.build_key(settings, listed)
            key = rendered.page_key(build, place, page.markdown or "")
        except rendered.Unstable:
            return original(config, files)
        if (found := rendered.load(key)) is not None:
            page.content, page._title_from_render = found.content, found.title_from_render
            page.toc = TableOfContents(rendered.toc_items(found.toc, AnchorLink))
            page.present_anchor_ids = None if found.present_anchor_ids is None else set(found.present_anchor_ids)
            page.links_to_anchors = None if found.links_to_anchors is None else {
                files.get_file_from_path(uri): links for uri, links in found.links_to_anchors.items()}
            if found.sets_title:
                page.title = found.title
            rendered.replay(found.records)
            return None
        before = vars(page).get("title", unset)
        with rendered.capture(loggers) as records:
            original(config, files)
        title = vars(page).get("title", unset)
        rendered.save(key, rendered.Rendered(
            content=page.content or "", toc=rendered.toc_data(page.toc), title_from_render=page._title_from_render,
            present_anchor_ids=None if page.present_anchor_ids is None else sorted(page.present_anchor_ids),
            links_to_anchors=None if page.links_to_anchors is None else {
                f.src_uri: dict(links) for f, links in page.links_to_anchors.items()},
            records=records, sets_title=title is not before, title=None if title is unset else title))
        return None

    page.render = render
    return None
