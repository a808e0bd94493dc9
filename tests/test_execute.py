"""Notebook execution (academy.execute): in a scratch copy, once, cached with its failures, located."""

from __future__ import annotations

import json
import subprocess
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


def test_error_names_the_cell_and_its_line_and_the_page_shows_it(tmp_path: Path) -> None:
    source = write_notebook(tmp_path / "n.ipynb", "x = 1", "1 / 0")
    line = next(n for n, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1) if '"1 / 0"' in text)
    run = execute(source, "exercises/01-x/n.ipynb", tmp_path / "cache", [])
    assert str(run.problem) == (
        f"exercises/01-x/n.ipynb:{line}:1: cellule 2 : erreur à l'exécution (ZeroDivisionError: division by zero)"
        " — corrigez la cellule, puis relancez le notebook de haut en bas (notebook-run)"
    )
    shown = nbformat.read(run.path, as_version=4)
    assert shown.cells[0].cell_type == "markdown" and "ZeroDivisionError" in shown.cells[0].source, "a banner says why"
    assert [o.output_type for o in shown.cells[2].outputs] == ["error"], "the traceback stays under its cell"


def test_a_failure_is_remembered_not_run_again(tmp_path: Path) -> None:
    source = write_notebook(tmp_path / "n.ipynb", "import time\ntime.sleep(0.1)\nraise ValueError('non')")
    first = execute(source, "n.ipynb", tmp_path / "cache", [])
    stamp = first.path.stat().st_mtime_ns
    again = execute(source, "n.ipynb", tmp_path / "cache", [])
    assert again.cached and again.problem == first.problem and again.problem is not None
    assert again.path.stat().st_mtime_ns == stamp
    assert [p.name for p in first.path.parent.iterdir()] == ["n.ipynb"], "no temporary file left beside the copy"


def test_a_cell_past_the_notebook_budget_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACADEMY_CELL_TIMEOUT", "60")
    monkeypatch.setenv("ACADEMY_NOTEBOOK_TIMEOUT", "4")
    source = write_notebook(tmp_path / "n.ipynb", "import time\ntime.sleep(2)", "time.sleep(30)")
    run = execute(source, "n.ipynb", tmp_path / "cache", [])
    assert run.problem is not None and run.problem.rule == "notebook-timeout"
    assert run.problem.message.startswith("cellule 2 : le notebook dépasse 4 s au total")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def test_cells_that_write_files_leave_the_repository_clean(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    data = root / "exercises/data/x.csv"
    data.parent.mkdir(parents=True)
    data.write_text("a\n1\n", encoding="utf-8")
    source = write_notebook(root / "exercises/01-x/n.ipynb",
                            "open('sortie.csv', 'w').write('b\\n2\\n')",
                            "open('../data/x.csv', 'a').write('3\\n')\nopen('../data/nouveau.csv', 'w').write('c')",
                            "import pathlib\nprint(sorted(p.name for p in pathlib.Path('.').iterdir()))")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "clean")
    run = execute(source, "exercises/01-x/n.ipynb", tmp_path / "cache", [data])
    assert run.problem is None
    listing = nbformat.read(run.path, as_version=4).cells[2].outputs[0]["text"]
    assert "sortie.csv" in listing, "the cell did write, in its scratch folder"
    assert git(root, "status", "--porcelain", "--ignored") == ""
    assert data.read_text(encoding="utf-8") == "a\n1\n"


def test_an_unreadable_notebook_gives_a_page_and_no_run(tmp_path: Path) -> None:
    source = tmp_path / "n.ipynb"
    source.write_text('{"cells": [', encoding="utf-8")
    run = execute(source, "n.ipynb", tmp_path / "cache", [])
    assert run.problem is None, "the checks report it (rule notebook), once"
    shown = json.loads(run.path.read_text(encoding="utf-8"))
    assert "illisible" in "".join(shown["cells"][0]["source"])


def test_a_markdown_cell_edit_shows_the_new_text_without_running_again(tmp_path: Path) -> None:
    source = tmp_path / "exercises/01-x/n.ipynb"
    source.parent.mkdir(parents=True)

    def save(text: str, extra: bool = False) -> None:
        cells = [nbformat.v4.new_markdown_cell(text), nbformat.v4.new_code_cell("import random\nprint(random.random())")]
        if extra:
            cells.insert(1, nbformat.v4.new_markdown_cell("Une cellule ajoutée\navant le code."))
        cells.append(nbformat.v4.new_code_cell("1 / 0"))
        nb = nbformat.v4.new_notebook(cells=cells)
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, source)

    save("Première version.")
    first = execute(source, "exercises/01-x/n.ipynb", tmp_path / "cache", [])
    printed = nbformat.read(first.path, as_version=4).cells[2].outputs[0]["text"]  # after the banner
    save("Deuxième version.", extra=True)
    again = execute(source, "exercises/01-x/n.ipynb", tmp_path / "cache", [])
    assert again.cached, "a Markdown edit runs nothing"
    shown = nbformat.read(again.path, as_version=4)
    assert [c.cell_type for c in shown.cells] == ["markdown", "markdown", "markdown", "code", "code"]
    assert "Deuxième version." in shown.cells[1].source and shown.cells[3].outputs[0]["text"] == printed
    line = next(n for n, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1) if '"1 / 0"' in text)
    assert (again.problem.line, again.problem.message.split(" : ")[0]) == (line, "cellule 4"), "the problem follows its cell"
    assert "cellule 4" in shown.cells[0].source
    save("Première version.")
    assert execute(source, "exercises/01-x/n.ipynb", tmp_path / "cache", []).path == first.path
    (source.parent / "n.ipynb").write_text(source.read_text(encoding="utf-8").replace("1 / 0", "2 / 1"), encoding="utf-8")
    assert not execute(source, "exercises/01-x/n.ipynb", tmp_path / "cache", []).cached, "a code edit runs it again"


def test_a_figure_is_the_same_at_each_run(tmp_path: Path) -> None:
    # A figure in SVG, with a clip path (its id came from a random salt) and the date matplotlib writes.
    source = write_notebook(tmp_path / "exercises/01-x/n.ipynb", "%config InlineBackend.figure_formats = ['svg']\n"
                            "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.show()")
    first, second = (execute(source, "exercises/01-x/n.ipynb", tmp_path / name, []) for name in ("a", "b"))
    assert first.problem is None and not first.cached and not second.cached
    svg = next(o["data"]["image/svg+xml"] for o in nbformat.read(first.path, as_version=4).cells[0].outputs if "data" in o)
    assert "<dc:date>1970-01-01T00:00:00+00:00</dc:date>" in svg and 'clip-path="url(#' in svg
    assert first.path.read_bytes() == second.path.read_bytes(), "two runs, the same executed notebook"
