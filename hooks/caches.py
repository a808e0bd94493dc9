"""MkDocs adapter: the theme's compiled templates kept between builds (see academy.cache).

Each build makes a new Jinja environment, which compiled every Material template again.
Jinja's own bytecode cache keys each template by its name and the hash of its source, and
writes atomically; it lives in the cache folder, outside the repository.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import jinja2
from academy import cache

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
    folder = cache.cache_dir("templates")
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env
