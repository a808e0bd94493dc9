"""The exercise notebooks: stored clean, and each runs top to bottom with its charts drawn."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "exercises").glob("**/*.ipynb"))
# A code cell that draws: it opens a figure or calls a pandas/matplotlib plotting method.
CHART = re.compile(r"plt\.subplots\(|plt\.figure\(|\.plot\(|\.plot\.\w+\(")
IMAGE_TYPES = ("image/svg+xml", "image/png")


def ids(path: Path) -> str:
    return path.relative_to(ROOT / "exercises").as_posix()


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_notebooks_exist() -> None:
    assert NOTEBOOKS, "no notebook under exercises/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_notebook_is_stored_clean(path: Path) -> None:
    notebook = read(path)
    nbformat.validate(notebook)
    assert notebook.nbformat == 4
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"
    for number, cell in enumerate(notebook.cells, 1):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {number} has outputs"
            assert cell.execution_count is None, f"cell {number} has an execution count"
    text = path.read_text(encoding="utf-8")
    for machine_path in ("/home/", "/tmp/", "/work/", "/Users/", "C:\\\\"):
        assert machine_path not in text, f"machine path {machine_path!r} in {path.name}"


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=ids)
def executed(request: pytest.FixtureRequest) -> nbformat.NotebookNode:
    """The notebook run by the build's own executor, from its own folder, into the session's cache.

    The site build (hooks/mount.py) reads the same cache, so each notebook runs once per test
    session; the key covers the notebook, the data and the library versions.
    """
    from academy.execute import execute

    path: Path = request.param
    cache = Path(os.environ.get("ACADEMY_CACHE_DIR") or Path.home() / ".cache/academy-site") / "notebooks"
    run = execute(path, path.relative_to(ROOT).as_posix(), cache, sorted((ROOT / "exercises/data").glob("*.csv")))
    assert run.problem is None, str(run.problem)
    return read(run.path)


@pytest.mark.slow
def test_notebook_runs_without_error(executed: nbformat.NotebookNode) -> None:
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert not [out for out in cell.outputs if out.output_type == "error"]


@pytest.mark.slow
def test_every_chart_cell_shows_an_image(executed: nbformat.NotebookNode) -> None:
    chart_cells = [cell for cell in executed.cells if cell.cell_type == "code" and CHART.search(cell.source)]
    assert chart_cells, "a notebook exercise draws at least one chart"
    for cell in chart_cells:
        images = [
            out
            for out in cell.outputs
            if out.output_type in ("display_data", "execute_result")
            and any(kind in out.get("data", {}) for kind in IMAGE_TYPES)
        ]
        assert images, f"no image output for chart cell starting {cell.source[:60]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chart_cell_has_an_alternative_text(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and "set_title(" in cell.source:
            alt = cell.metadata.get("alt", "")
            assert len(alt.split()) >= 6, f"cellule {index} : texte alternatif absent ou trop court"
