"""Notebooks (``.ipynb``): their Markdown cells read like pages, and their stored outputs.

Where a problem sits: nbformat writes one line of a cell's source per line of the JSON
file, so a problem gets the line of the ``.ipynb`` file that holds it, and its message starts
with « cellule N : » (N counts every cell from 1, as Jupyter shows them top to bottom). When
a file is written differently (a cell's source as one string, compact JSON), the problem
points at the cell's ``"source"`` key instead. Columns are counted in the JSON line, so they
drift by one for each escaped character (``\\"``) before the problem.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from academy.parsed import Page, Segment, Text
from academy.problems import Problem
from academy.source import read_segment
from academy.textfile import position, split_lines

CLEAR = "« Edit > Clear Outputs of All Cells »"
RESAVE = "ouvrez-le et enregistrez-le de nouveau dans Jupyter"
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


def _places(lines: list[str], keys: dict[str, tuple[int, int]], source: list[str]) -> tuple[list[tuple[int, int]], int | None]:
    """(file line, column offset) of each line of a cell's source, and None; or, when the source
    is not written one line per JSON line, the ``"source"`` key's line for all and its column."""
    at, indent = keys.get("source", keys.get("cell_type", (0, 0)))
    fallback = [(at + 1, 0)] * max(len(source), 1), indent + 1
    if at >= len(lines) or not lines[at].rstrip().endswith("["):
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
    return places, None


def _pin(page: Page, since: tuple[int, int, int], col: int) -> None:
    """Give the items read since ``since`` (counts of links, headings, texts) the column ``col``."""
    links, headings, texts = since
    page.links[links:] = [replace(link, col=col) for link in page.links[links:]]
    page.headings[headings:] = [replace(heading, col=col) for heading in page.headings[headings:]]
    page.texts[texts:] = [replace(text, col=col, exact=False) for text in page.texts[texts:]]


def _source(cell: dict[str, Any]) -> list[str]:
    source = cell.get("source", "")
    return split_lines("".join(source) if isinstance(source, list) else str(source), keepends=True)


def read_notebook(text: str, path: str, uri: str) -> tuple[Page, dict[str, Any] | None]:
    """The notebook as a page (Markdown cells only), and its JSON data (None when unreadable)."""
    page = Page(path, uri, notebook=True)
    try:
        data = json.loads(text)
        cells = data["cells"]
        if not isinstance(cells, list):
            raise TypeError
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        line, col = position(text, error.pos) if isinstance(error, json.JSONDecodeError) else (1, 1)
        truncated = isinstance(error, json.JSONDecodeError) and error.pos >= len(text.rstrip())
        what = "fichier tronqué : il s'arrête avant la fin du JSON" if truncated else "JSON invalide ou sans « cells »"
        page.problems.append(Problem(path, line, col, f"notebook illisible ({what}) — {RESAVE}", "notebook"))
        page.readable = False
        return page, None
    if not isinstance(data.get("nbformat"), int) or data["nbformat"] < 4:
        message = f"version du format absente ou trop ancienne (« nbformat » : {data.get('nbformat')}) — {RESAVE}"
        page.problems.append(Problem(path, 1, 1, message, "notebook"))
        page.readable = False  # Jupyter and mkdocs-jupyter cannot open it either
    lines = split_lines(text)
    keys = _cell_keys(lines)
    used: set[str] = set()
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            continue
        source = _source(cell)
        places, pinned = _places(lines, keys[number - 1] if number <= len(keys) else {}, source)
        where = f"cellule {number} : "
        since = (len(page.links), len(page.headings), len(page.texts))
        if cell.get("cell_type") == "markdown":
            segment = Segment([s.rstrip("\r\n") for s in source], places, where)
            read_segment(segment, page, used_ids=used)
        elif cell.get("cell_type") == "code":
            texts = zip(places, source, strict=False)
            page.texts.extend(Text(line, col + 1, text.rstrip("\r\n"), where) for (line, col), text in texts)
            if error := _syntax_error(source):
                line, col = error
                file_line, offset = places[min(line, len(places)) - 1]
                message = f"{where}erreur de syntaxe Python ({error.msg}) — corrigez la ligne, puis relancez la cellule"
                page.problems.append(Problem(path, file_line, pinned or offset + col, message, "notebook-syntax"))
        if pinned is not None:
            _pin(page, since, pinned)
    return page, data


@dataclass(frozen=True)
class _SyntaxError:
    line: int  # 1-based, in the cell
    col: int  # 1-based
    msg: str

    def __iter__(self):
        return iter((self.line, self.col))


def _syntax_error(source: list[str]) -> _SyntaxError | None:
    """The first Python syntax error of a code cell; IPython's %magics and !commands are skipped."""
    lines = [line.rstrip("\r\n") for line in source]
    if not lines or lines[0].lstrip().startswith("%%"):
        return None  # a cell magic: not Python
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in lines)
    try:
        ast.parse(code)
    except SyntaxError as error:
        line = max(1, min(error.lineno or 1, len(lines)))
        return _SyntaxError(line, max(1, error.offset or 1), error.msg)
    except (ValueError, RecursionError, MemoryError) as error:  # null bytes, absurd nesting
        return _SyntaxError(1, 1, type(error).__name__)
    return None


def cell_line(text: str, number: int) -> int:
    """The line of cell ``number`` (from 1) in the .ipynb text: its first line of code, else 1."""
    lines = split_lines(text)
    keys = _cell_keys(lines)
    try:
        cell = json.loads(text)["cells"][number - 1]
    except (json.JSONDecodeError, KeyError, IndexError, TypeError):
        return 1
    if not 1 <= number <= len(keys) or not isinstance(cell, dict):
        return 1
    return _places(lines, keys[number - 1], _source(cell))[0][0][0]


def output_problems(data: dict[str, Any], text: str, path: str) -> list[Problem]:
    """Code cells saved with outputs or execution counts: the site runs notebooks itself."""
    keys = _cell_keys(split_lines(text))
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
