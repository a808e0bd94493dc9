"""Notebook execution cache (academy.execute): run once, reuse, report errors with the cell."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from academy.execute import execute

pytestmark = pytest.mark.slow


def write_notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def test_executes_from_its_folder_then_reuses_the_copy(tmp_path: Path) -> None:
    data = tmp_path / "exercises/data/x.csv"
    data.parent.mkdir(parents=True)
    data.write_text("a\n1\n", encoding="utf-8")
    source = write_notebook(tmp_path / "exercises/01-x/n.ipynb", "print(open('../data/x.csv').read().split()[1])")
    first = execute(source, "exercises/01-x/n.ipynb", tmp_path / "cache", [data])
    assert first.problem is None and not first.cached
    assert first.path.name == "n.ipynb" and first.path != source
    assert nbformat.read(first.path, as_version=4).cells[0].outputs[0]["text"] == "1\n"
    assert nbformat.read(source, as_version=4).cells[0].outputs == [], "the source stays clean"
    again = execute(source, "exercises/01-x/n.ipynb", tmp_path / "cache", [data])
    assert again.cached and again.path == first.path
    data.write_text("a\n2\n", encoding="utf-8")
    changed = execute(source, "exercises/01-x/n.ipynb", tmp_path / "cache", [data])
    assert not changed.cached, "new data means a new run"


def test_error_names_the_cell(tmp_path: Path) -> None:
    source = write_notebook(tmp_path / "n.ipynb", "x = 1", "1 / 0")
    run = execute(source, "exercises/01-x/n.ipynb", tmp_path / "cache", [])
    assert run.path == source
    assert str(run.problem) == (
        "exercises/01-x/n.ipynb:1:1: cellule 2 : erreur à l'exécution (ZeroDivisionError: division by zero)"
        " — corrigez la cellule, puis relancez le notebook de haut en bas (notebook-run)"
    )
