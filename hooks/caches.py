"""MkDocs adapter: what builds keep between them, outside the repository (see academy.cache).

- The theme's compiled templates. Each build makes a new Jinja environment, which compiled
  every Material template again. Jinja's own bytecode cache keys each template by its name
  and the hash of its source, and writes atomically.
- Each notebook's HTML. mkdocs-jupyter converts every notebook at every build (nbconvert
  compiles its templates each time), and turns its own cache off when a custom template is
  set, as here. The converted notebook is kept under the hash of the notebook, the template
  folder, the plugin's options and the converters' versions; the images it reads are checked
  as mkdocs-jupyter does. It wraps the one function the plugin leaves on the page for that.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from academy import cache

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

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
