"""Notebooks (``.ipynb``): their Markdown cells read like pages, and their stored outputs.

Where a problem sits: nbformat writes one line of a cell's source per line of the JSON
file, so a problem gets the line of the ``.ipynb`` file that holds it, and its message starts
with « cellule N : » (N counts every cell from 1, as Jupyter shows them top to bottom). When
a file is written differently (a cell's source as one string, compact JSON), the problem
points at the cell's ``"source"`` key instead. Columns are counted in the JSON line, so they
drift by one for each escaped character (``\\"``) before the problem.
"""

from __future__ import annotations

import json
import re
from typing import Any

from academy.problems import Problem
from academy.source import Page, Segment, Text, read_segment

CLEAR = "« Edit > Clear Outputs of All Cells »"
_KEY = re.compile(r'^(?P<indent>\s*)"(?P<key>cell_type|source|outputs|execution_count)"\s*:')


def _cell_keys(lines: list[str]) -> list[dict[str, tuple[int, int]]]:
    """For each cell, in order: key -> (0-based line index, indent) of its top-level keys."""
    cells: list[dict[str, tuple[int, int]]] = []
    indent = None
    for index, line in enumerate(lines):
        match = _KEY.match(line)
        if not match:
            continue
        if match["key"] == "cell_type" and (indent is None or len(match["indent"]) == indent):
            indent = len(match["indent"])
            cells.append({})
        if cells and len(match["indent"]) == indent:
            cells[-1].setdefault(match["key"], (index, indent))
    return cells


def _places(lines: list[str], keys: dict[str, tuple[int, int]], source: list[str]) -> list[tuple[int, int]]:
    """(file line, column offset) of each line of a cell's source."""
    at, indent = keys.get("source", keys.get("cell_type", (0, 0)))
    fallback = [(at + 1, 1)] * max(len(source), 1)
    if not lines[at].rstrip().endswith("["):
        return fallback
    places = []
    for offset, text in enumerate(source, start=1):
        index = at + offset
        if index >= len(lines):
            return fallback
        stripped = lines[index].strip().removesuffix(",")
        try:
            if json.loads(stripped) != text:
                return fallback
        except json.JSONDecodeError:
            return fallback
        places.append((index + 1, len(lines[index]) - len(lines[index].lstrip()) + 1))
    return places


def _source(cell: dict[str, Any]) -> list[str]:
    source = cell.get("source", "")
    return ("".join(source) if isinstance(source, list) else str(source)).splitlines(keepends=True)


def read_notebook(text: str, path: str, uri: str) -> tuple[Page, dict[str, Any] | None]:
    """The notebook as a page (Markdown cells only), and its JSON data (None when unreadable)."""
    page = Page(path, uri, notebook=True)
    try:
        data = json.loads(text)
        cells = data["cells"]
        if not isinstance(cells, list):
            raise TypeError
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        line = getattr(error, "lineno", 1)
        col = getattr(error, "colno", 1)
        message = ("notebook illisible (JSON invalide ou sans « cells ») — "
                   "ouvrez-le et enregistrez-le de nouveau dans Jupyter")
        page.problems.append(Problem(path, line, col, message, "notebook"))
        return page, None
    lines = text.splitlines()
    keys = _cell_keys(lines)
    used: set[str] = set()
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            continue
        source = _source(cell)
        places = _places(lines, keys[number - 1] if number <= len(keys) else {}, source)
        where = f"cellule {number} : "
        if cell.get("cell_type") == "markdown":
            segment = Segment([s.rstrip("\r\n") for s in source], places, where)
            read_segment(segment, page, used_ids=used)
        elif cell.get("cell_type") == "code":
            texts = zip(places, source, strict=False)
            page.texts.extend(Text(line, col + 1, text.rstrip("\r\n"), where) for (line, col), text in texts)
    return page, data


def output_problems(data: dict[str, Any], text: str, path: str) -> list[Problem]:
    """Code cells saved with outputs or execution counts: the site runs notebooks itself."""
    keys = _cell_keys(text.splitlines())
    problems = []
    for number, cell in enumerate(data.get("cells", []), start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        found = keys[number - 1] if number <= len(keys) else {}
        if cell.get("outputs"):
            line = found.get("outputs", found.get("cell_type", (0, 0)))[0] + 1
            message = (f"cellule {number} : résultats enregistrés dans le notebook — videz-les (Jupyter : {CLEAR}) "
                       "puis enregistrez : le site exécute le notebook lui-même")
            problems.append(Problem(path, line, 1, message, "notebook-outputs"))
        if cell.get("execution_count") is not None:
            line = found.get("execution_count", found.get("cell_type", (0, 0)))[0] + 1
            message = (f"cellule {number} : numéro d'exécution enregistré ({cell['execution_count']}) — "
                       f"videz les sorties ({CLEAR}) puis enregistrez")
            problems.append(Problem(path, line, 1, message, "notebook-outputs"))
    return problems
