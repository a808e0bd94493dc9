"""Run exercise notebooks once, and keep the executed copy until the notebook or its data change.

Notebooks are stored clean in the repository. The site shows fresh outputs: each notebook is
executed with nbclient from its own folder (so ``../data/x.csv`` resolves), and the executed
copy is kept in a cache outside the source tree, under a key made of the notebook, the data
files and the library versions. A warm build or a ``mkdocs serve`` reload re-executes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from academy.problems import Problem

TIMEOUT = 120  # seconds per cell
_LIBRARIES = ("nbclient", "ipykernel", "pandas", "matplotlib", "numpy")


@dataclass(frozen=True)
class Executed:
    path: Path  # the notebook to render: the executed copy, or the source when execution failed
    problem: Problem | None
    cached: bool


def cache_key(notebook: Path, data_files: list[Path]) -> str:
    digest = hashlib.sha256(b"academy-execute-v1\0")
    for path in [notebook, *sorted(data_files)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        digest.update(f"{name}={version(name)}\0".encode())
    return digest.hexdigest()[:32]


def execute(notebook: Path, rel: str, cache_dir: Path, data_files: list[Path]) -> Executed:
    """The executed copy of ``notebook`` (same file name, in a folder named by its cache key)."""
    target = cache_dir / cache_key(notebook, data_files) / notebook.name
    if target.is_file():
        return Executed(target, None, cached=True)
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}},
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])  # not its "TCP without encryption" notice
    try:
        client.execute()
    except CellExecutionError as error:
        cell = next((i for i, c in enumerate(nb.cells, 1) if any(o.get("output_type") == "error" for o in c.get("outputs", []))), 0)
        reason = f"{error.ename}: {error.evalue}".strip()
        message = f"cellule {cell} : erreur à l'exécution ({reason}) — corrigez la cellule, puis relancez le notebook de haut en bas"
        return Executed(notebook, Problem(rel, 1, 1, message, "notebook-run"), cached=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return Executed(target, None, cached=False)
