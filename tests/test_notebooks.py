"""The exercise notebooks: stored clean, and each runs top to bottom with its charts drawn."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from academy import execute

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


def run(path: Path) -> nbformat.NotebookNode:
    """The notebook run by the build's own executor (academy.execute), into the session's cache.

    The site build (hooks/mount.py) reads the same cache, so each notebook runs once per test
    session. Errors stay in the outputs, under their cell: the test below can see them.
    """
    rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    return read(execute.execute(path, rel, execute.cache_dir(), execute.data_files(ROOT)).path)


def errors(notebook: nbformat.NotebookNode) -> list[str]:
    """« cellule N : Name: value » for every code cell that raised (the failure banner is not a cell of the author's)."""
    cells = [cell for cell in notebook.cells if cell.metadata.get("academy") != "banner"]
    return [f"cellule {number} : {out.ename}: {out.evalue}"
            for number, cell in enumerate(cells, 1) if cell.cell_type == "code"
            for out in cell.outputs if out.output_type == "error"]


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=ids)
def executed(request: pytest.FixtureRequest) -> nbformat.NotebookNode:
    return run(request.param)


@pytest.mark.slow
def test_notebook_runs_without_error(executed: nbformat.NotebookNode) -> None:
    assert errors(executed) == []


@pytest.mark.slow
def test_a_failing_cell_is_seen(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("x / 0")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, tmp_path / "n.ipynb")
    assert errors(run(tmp_path / "n.ipynb")) == ["cellule 2 : ZeroDivisionError: division by zero"]


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
