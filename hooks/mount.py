"""MkDocs adapter: serve talks/ and exercises/ in place, expand nav globs (see academy.mount)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from academy import execute, identity, model
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
    cache = execute.cache_dir()
    project = model.for_build(config)
    data_url = identity.data_url(project.identity)
    for rel in project.mounted:
        file = File(rel, src_dir=str(root), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        if rel.endswith(".ipynb"):
            # mkdocs-jupyter renders the executed copy; the source stays clean in the repository.
            # Its problem, if any, is the notebook-run rule's (hooks/checks.py), like academy check's.
            run = execute.run(project, rel)
            file.abs_src_path = str(identity.published_notebook(run.path, data_url, cache))
            # The clean notebook, to download, beside the notebook's page.
            stem = rel.removesuffix(".ipynb")
            download = File(f"{stem}/{Path(rel).name}", src_dir=str(root), dest_dir=config.site_dir, use_directory_urls=False)
            download.abs_src_path = str(identity.published_notebook(root / rel, data_url, cache, rel, project.text(rel)))
            files.append(download)
        files.append(file)
    return files

