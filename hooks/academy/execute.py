"""Run exercise notebooks once, in a scratch copy, and keep the result until an input changes.

Notebooks are stored clean in the repository. The site shows fresh outputs: each notebook is
executed with nbclient in a scratch copy of its folder (and of the data files), outside the
repository, so nothing a cell writes lands in the source tree; ``../data/x.csv`` still resolves.
The executed copy is kept in a cache outside the source tree, under a key made of the notebook's
code cells, the data files, the kernel, the time limits and the library versions, and written
atomically. Markdown cells are not part of the key: after a Markdown-cell edit, the page shows the
new text with the outputs kept (``_with_markdown``), and nothing runs again. A failure is
kept too (the problem is stored in the copy's metadata): a warm build or a ``mkdocs serve``
reload re-executes nothing, and the page still shows the notebook, with the error and a banner.
A run gives the same bytes each time: no timings, and matplotlib's SVG figures without the run's
date and with fixed ids (``SOURCE_DATE_EPOCH`` and ``svg.hashsalt``, set for the kernel here).

Time limits: ``ACADEMY_CELL_TIMEOUT`` seconds per cell (120), ``ACADEMY_NOTEBOOK_TIMEOUT`` for the
whole notebook (600). A cell that raises, a cell or notebook past its limit, a kernel that dies
or does not start: each is a problem naming the notebook and the line of the cell in the .ipynb.

Both doors run notebooks through ``run`` (once per project snapshot, through the same cache):
``hooks/mount.py`` renders the executed copy, and the rules below report the problem, so the
build and ``academy check`` print it once, alike, and a warm check re-executes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import distribution
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from academy import cache, escaping, notebooks
from academy.problems import Problem
from academy.registry import rule

if TYPE_CHECKING:
    from academy.model import Project
    from academy.parsed import Page

CELL_TIMEOUT, NOTEBOOK_TIMEOUT = 120, 600  # seconds, unless the environment says otherwise
# A figure's SVG the same at each run (matplotlib): a fixed date, not the run's, and ids from a fixed salt.
SOURCE_DATE_EPOCH = "0"
MATPLOTLIBRC = "svg.hashsalt: academy\n"  # the kernel's rc file (MATPLOTLIBRC); a notebook's own rcParams win
_LIBRARIES = ("nbclient", "ipykernel", "pandas", "matplotlib", "numpy")
RERUN = "corrigez la cellule, puis relancez le notebook de haut en bas"


@dataclass(frozen=True)
class Executed:
    path: Path  # the notebook to render: the executed copy, with its outputs, errors and banner
    problem: Problem | None
    cached: bool


def limits() -> tuple[int, int]:
    """(seconds per cell, seconds per notebook)."""
    cell = int(os.environ.get("ACADEMY_CELL_TIMEOUT") or CELL_TIMEOUT)
    return cell, int(os.environ.get("ACADEMY_NOTEBOOK_TIMEOUT") or NOTEBOOK_TIMEOUT)


def cache_dir() -> Path:
    """Where executed notebooks are kept: ``notebooks/`` of the academy's cache (``academy.cache``)."""
    return cache.cache_dir("notebooks")


def data_files(root: Path) -> list[Path]:
    """The shared datasets notebooks read (``exercises/data/*.csv``)."""
    return sorted((root / "exercises/data").glob("*.csv"))


def read_data(data: list[Path]) -> list[tuple[str, bytes]]:
    """(name, bytes) of each dataset, in order: part of every notebook's key, read once per snapshot."""
    return [(path.name, path.read_bytes()) for path in sorted(data)]


def code_cells(raw: bytes) -> bytes:
    """What running the notebook depends on in its own file: the code cells, in order, and the kernel.

    The whole file when it is not a readable notebook (running it only gives a note, keyed by its bytes).
    """
    try:
        data = json.loads(raw)
        cells = [(c.get("source"), c.get("metadata", {}).get("tags")) for c in data["cells"] if c.get("cell_type") == "code"]
        kernel = data.get("metadata", {}).get("kernelspec")
    except (ValueError, KeyError, TypeError, AttributeError):
        return raw
    return json.dumps({"cells": cells, "kernel": kernel, "nbformat": data.get("nbformat")}, sort_keys=True).encode()


def cache_key(notebook: Path, data: list[Path], *, raw: bytes | None = None,
              data_bytes: Sequence[tuple[str, bytes]] | None = None) -> str:
    """``raw``, ``data_bytes``: the notebook's and the datasets' bytes when already read (the same key)."""
    digest = hashlib.sha256(b"academy-execute-v4\0")  # v4: reproducible figures (outputs of v3 had the run date)
    for code in (__file__, notebooks.__file__):  # the runner and the cell locator make the result too
        digest.update(Path(code).read_bytes())
    digest.update(notebook.name.encode() + b"\0" + code_cells(notebook.read_bytes() if raw is None else raw) + b"\0")
    for name, content in read_data(data) if data_bytes is None else data_bytes:
        digest.update(name.encode() + b"\0" + content + b"\0")
    digest.update("limits={}/{}\0".format(*limits()).encode())
    for name in _LIBRARIES:  # each one's METADATA file (its version...), read but not parsed: 10x cheaper
        digest.update(f"{name}={distribution(name).read_text('METADATA')}\0".encode())
    return digest.hexdigest()[:32]


def execute(notebook: Path, rel: str, cache: Path, data: list[Path], *, raw: bytes | None = None,
            data_bytes: Sequence[tuple[str, bytes]] | None = None) -> Executed:
    """The executed copy of ``notebook`` (same file name, in a folder named by its cache key)."""
    raw = notebook.read_bytes() if raw is None else raw
    target = cache / cache_key(notebook, data, raw=raw, data_bytes=data_bytes) / notebook.name
    text = raw.decode("utf-8", "replace")
    if target.is_file():
        stored = json.loads(target.read_text(encoding="utf-8")).get("metadata", {}).get("academy", {}).get("problem")
        return _with_markdown(target, Problem(**stored) if stored else None, text, rel, cache)
    nb, problem = _run(text, notebook, rel, data)
    nb.metadata["academy"] = {"problem": _stored(problem)}
    if problem is not None:
        nb.cells.insert(0, _banner(problem))
    _write(nb, target)
    return Executed(target, problem, cached=False)


def _banner(problem: Problem) -> nbformat.NotebookNode:
    banner = f'!!! failure "Ce notebook ne s\'exécute pas jusqu\'au bout"\n\n    {escaping.markdown_text(problem.message)}\n'
    return nbformat.v4.new_markdown_cell(banner, metadata={"academy": "banner"})


_CELL = re.compile(r"cellule (\d+) : ")


def _with_markdown(target: Path, problem: Problem | None, text: str, rel: str, folder: Path) -> Executed:
    """The executed copy with the notebook's current Markdown cells (and the problem where its cell now is).

    The code cells are those that ran (the cache key holds them); a Markdown-cell edit only
    changes the text around them, written to a copy named by its content. Plain JSON: the copy
    was validated when it was written, the source is checked by the rule « notebook ».
    """
    executed = json.loads(target.read_text(encoding="utf-8"))
    try:
        current = json.loads(text)["cells"]
        ran = [c for c in executed["cells"] if c.get("metadata", {}).get("academy") != "banner"]
        if [_source(c) for c in ran] == [_source(c) for c in current] or _readable(text, rel) is None:
            return Executed(target, problem, cached=True)  # unchanged (or unreadable: the checks report it)
    except (ValueError, KeyError, TypeError, AttributeError):
        return Executed(target, problem, cached=True)
    outputs = iter(c for c in ran if c.get("cell_type") == "code")
    cells = [next(outputs, cell) if cell.get("cell_type") == "code" else cell for cell in current]
    if problem is not None and (found := _CELL.match(problem.message)) and int(found[1]) <= len(ran):
        ordinal = sum(c.get("cell_type") == "code" for c in ran[: int(found[1]) - 1])  # the failing cell among code cells
        index = [i for i, c in enumerate(cells) if c.get("cell_type") == "code"][ordinal]
        problem = _problem(text, rel, index, problem.message[found.end():], problem.rule)
    executed["cells"] = ([_banner(problem)] if problem is not None else []) + cells
    executed.setdefault("metadata", {})["academy"] = {"problem": _stored(problem)}
    body = (json.dumps(executed, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    merged = folder / "markdown" / hashlib.sha256(body).hexdigest()[:32] / target.name
    if not merged.is_file():
        cache.write_atomic(merged, body)
    return Executed(merged, problem, cached=True)


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _stored(problem: Problem | None) -> dict | None:
    if problem is None:
        return None
    return {"path": problem.path, "line": problem.line, "col": problem.col, "message": problem.message, "rule": problem.rule}


_DATA = "<data>"  # project.runs: the datasets' bytes, beside the notebooks' runs


def run(project: Project, rel: str) -> Executed:
    """The executed copy of the published notebook ``rel``, run (or read from the cache) once per snapshot.

    The notebook's text is the snapshot's (read once), and so are the datasets' bytes."""
    if rel not in project.runs:
        data = data_files(project.root)
        if _DATA not in project.runs:
            project.runs[_DATA] = read_data(data)
        raw = text.encode("utf-8") if (text := project.text(rel)) is not None else None  # else: read as bytes
        project.runs[rel] = execute(project.root / rel, rel, cache_dir(), data, raw=raw, data_bytes=project.runs[_DATA])
    return project.runs[rel]


@rule("notebook-run", "chaque notebook publié s'exécute jusqu'au bout, sans erreur ni arrêt du noyau", page=True)
@rule("notebook-timeout", "chaque cellule et chaque notebook finissent dans le temps permis", page=True)
def check_run(page: Page, project: Project) -> Iterable[Problem]:
    """A page rule, so that ``academy check FILE`` runs only the notebooks it is asked about."""
    if page.path in project.notebooks and (problem := run(project, page.path).problem) is not None:
        yield problem


def _write(nb: nbformat.NotebookNode, target: Path) -> None:
    """Write atomically: a reader (or a build stopped half-way) never sees half a notebook."""
    cache.write_atomic(target, (nbformat.writes(nb) + "\n").encode("utf-8"))


def _readable(text: str, rel: str) -> nbformat.NotebookNode | None:
    """The notebook, or None when it cannot be read (the checks report why: rule « notebook »)."""
    if not notebooks.read_notebook(text, rel, rel)[0].readable:
        return None
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except (ValueError, KeyError, TypeError, AttributeError, NameError, nbformat.ValidationError):  # NotJSONError, NBFormatError are ValueErrors
        return None
    return nb


def _run(text: str, notebook: Path, rel: str, data: list[Path]) -> tuple[nbformat.NotebookNode, Problem | None]:
    # Imported here: a build or `academy check` whose notebooks are all cached never runs one (0.15 s).
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    nb = _readable(text, rel)
    if nb is None:
        note = "Ce notebook est illisible : ouvrez-le et enregistrez-le de nouveau dans Jupyter."
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(note)]), None
    if any(p.rule == "notebook-syntax" for p in notebooks.read_notebook(text, rel, rel)[0].problems):
        return nb, None  # the checks report the syntax error; running would only repeat it
    cell_limit, budget = limits()
    started: list[float] = []  # when the first cell started: the kernel's start-up is not the notebook's time
    current = [0]

    def spent() -> float:
        return time.monotonic() - started[0] if started else 0.0

    def timeout(cell: nbformat.NotebookNode) -> int:
        return max(1, min(cell_limit, round(budget - spent())))

    def start(cell: nbformat.NotebookNode, cell_index: int) -> None:
        started[:] = started or [time.monotonic()]
        current[0] = cell_index

    with tempfile.TemporaryDirectory(prefix="academy-run-") as scratch:
        folder = _scratch_copy(notebook, data, Path(scratch))
        (rc := Path(scratch) / "academy-matplotlibrc").write_text(MATPLOTLIBRC, encoding="utf-8")
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "MATPLOTLIBRC": str(rc)}
        client = NotebookClient(nb, timeout_func=timeout, allow_errors=True, kernel_name="python3", record_timing=False,
                                on_cell_start=start, resources={"metadata": {"path": str(folder)}},
                                extra_arguments=["--IPKernelApp.log_level=ERROR"])  # not its "TCP without encryption" notice
        try:
            client.execute(env=env)  # the kernel's environment
        except CellTimeoutError:
            over_budget = spent() >= budget - 1
            what = f"le notebook dépasse {budget} s au total" if over_budget else f"toujours en cours après {cell_limit} s"
            return nb, _problem(text, rel, current[0], f"{what} — une boucle sans fin ? Allégez le calcul, puis relancez le notebook", "notebook-timeout")
        except DeadKernelError:
            return nb, _problem(text, rel, current[0], "le noyau Python s'est arrêté pendant la cellule (sortie du programme ou mémoire saturée) — retirez exit() ou allégez le calcul", "notebook-run")
        except (NoSuchKernel, RuntimeError, TimeoutError) as error:
            message = f"le noyau Python n'a pas démarré ({type(error).__name__}) — installez l'environnement avec « make », puis relancez la construction"
            return nb, Problem(rel, 1, 1, message, "notebook-run")
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.get("output_type") == "error":
                reason = f"{out.get('ename', '')}: {out.get('evalue', '')}".strip(": ")
                return nb, _problem(text, rel, index, f"erreur à l'exécution ({reason}) — {RERUN}", "notebook-run")
    return nb, None


def _problem(text: str, rel: str, index: int, message: str, rule: str) -> Problem:
    return Problem(rel, notebooks.cell_line(text, index + 1), 1, f"cellule {index + 1} : {message}", rule)


def _scratch_copy(notebook: Path, data: list[Path], scratch: Path) -> Path:
    """Copy the notebook's folder and the data files into ``scratch``, keeping their relative places."""
    base = notebook.parent.parent
    folder = scratch / notebook.parent.name
    shutil.copytree(notebook.parent, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for path in data:
        if path.is_relative_to(base):
            copy = scratch / path.relative_to(base)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
    return folder
