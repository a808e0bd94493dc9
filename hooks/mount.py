"""MkDocs adapter: serve talks/ and exercises/ in place, expand nav globs (see academy.mount)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from academy.mount import mounted_files
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


@event_priority(50)  # before mkdocs-jupyter turns .ipynb files into pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    root = Path(config.config_file_path).resolve().parent
    for file in files:
        file.edit_uri = f"docs/{file.src_uri}"
    for rel in mounted_files(root):
        files.append(File(rel, src_dir=str(root), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
    return files
