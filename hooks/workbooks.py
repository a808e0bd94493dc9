"""MkDocs adapter: generate each exercise's spreadsheet workbook and publish it beside its page (see academy.workbooks)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from academy import workbooks
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    root = Path(config.config_file_path).resolve().parent
    cache = Path(os.environ.get("ACADEMY_CACHE_DIR") or Path.home() / ".cache/academy-site") / "workbooks"
    for workbook in workbooks.WORKBOOKS:
        if not (root / "exercises" / workbook.exercise).is_dir() or not all((root / workbooks.DATA_DIR / name).is_file() for name in workbook.data):
            continue  # an exercise, or its data, that this repository does not have (a copy may drop one): nothing to make
        file = File(workbook.uri, src_dir=str(root), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        file.abs_src_path = str(workbooks.build(workbook, root, cache))  # written in the cache, copied into site/
        files.append(file)
    return files
