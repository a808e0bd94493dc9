"""Spreadsheet workbooks for the data exercises, generated from the synthetic data at build time.

Each exercise that uses data gets one ``.xlsx`` workbook (LibreOffice Calc, Excel and Google
Sheets open it): a « Consignes » sheet in plain French, the data, a sheet « À vous » that the
reader completes step by step, and a « Solution » sheet with every formula. Nothing is stored
in the repository: the build writes each workbook into a content-keyed cache outside the
source tree, and the MkDocs adapter (``hooks/workbooks.py``) publishes it beside its exercise
page, at ``exercises/<slug>/<name>.xlsx``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

from academy.workbooks import campagnes, entonnoir, formulas, segmentation, sheets, steps, tableau
from academy.workbooks.sheets import Book, Figure, new_book

MODULES: tuple[ModuleType, ...] = (segmentation, entonnoir, campagnes, tableau)
DATA_DIR = "exercises/data"


@dataclass(frozen=True)
class Workbook:
    exercise: str  # exercise folder name
    name: str  # file name
    title: str
    data: tuple[str, ...]  # CSV files of exercises/data it is made from

    @property
    def uri(self) -> str:
        """Where the site publishes it (a site path, as ``academy.site`` lists them)."""
        return f"exercises/{self.exercise}/{self.name}"


WORKBOOKS = tuple(Workbook(m.EXERCISE, m.NAME, m.TITLE, m.DATA) for m in MODULES)


def site_paths() -> list[str]:
    """Site paths of every generated workbook, so link checks know they exist."""
    return [w.uri for w in WORKBOOKS]


def cache_key(workbook: Workbook, data_dir: Path) -> str:
    """A hash of everything the file depends on: data, generator code, XlsxWriter's version."""
    digest = hashlib.sha256(b"academy-workbook-v1\0")
    module = MODULES[WORKBOOKS.index(workbook)]
    shared = [Path(m.__file__) for m in (formulas, sheets, steps)]  # what every workbook is made with
    for path in [*shared, Path(module.__file__), *(data_dir / name for name in workbook.data)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(f"xlsxwriter={version('xlsxwriter')}\0".encode())
    return digest.hexdigest()[:32]


def write(workbook: Workbook, data_dir: Path, target: Path) -> list[Figure]:
    """Write ``workbook`` at ``target`` and return the figures its « Solution » sheet shows."""
    module = MODULES[WORKBOOKS.index(workbook)]
    book: Book = new_book(target, workbook.title)
    module.write(book, data_dir)
    book.workbook.close()
    return book.figures


def build(workbook: Workbook, root: Path, cache_dir: Path) -> Path:
    """The workbook file, from the cache when its data and generator did not change."""
    data_dir = root / DATA_DIR
    target = cache_dir / cache_key(workbook, data_dir) / workbook.name
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=target.parent, suffix=".xlsx")
    os.close(handle)
    try:
        write(workbook, data_dir, Path(scratch))
        os.replace(scratch, target)  # atomic: a parallel build never reads half a file
    finally:
        Path(scratch).unlink(missing_ok=True)
    return target


def figures(workbook: Workbook, root: Path, scratch: Path) -> list[Figure]:
    """The figures of ``workbook`` (writes a throwaway copy into ``scratch``)."""
    return write(workbook, root / DATA_DIR, scratch / workbook.name)
