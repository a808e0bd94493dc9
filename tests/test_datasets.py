"""The exercise data sets: reproducible, small, documented and free of real personal data."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "exercises" / "data"
GENERATOR = DATA / "generate.py"
DICTIONARY = DATA / "index.md"
TEMPLATES = sorted((ROOT / "exercises" / "modeles").glob("*.csv"))
MAX_BYTES = 5 * 1024 * 1024
HEADER = "| Colonne | Type | Signification | Exemple |"
TYPES = {"texte", "entier", "décimal", "date", "booléen"}
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")

COMMITTED = sorted(DATA.glob("*.csv"))


def run_generator(out: Path) -> dict[str, bytes]:
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(out)], check=True, capture_output=True, cwd=out.parent)
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.csv"))}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The generator runs once per session; its output is compared with the committed files."""
    return run_generator(tmp_path_factory.mktemp("first") / "data")


def test_committed_files_match_the_generator(generated: dict[str, bytes]) -> None:
    """Deterministic: a fresh run gives the committed files, byte for byte (a second run would add nothing)."""
    assert generated, "the generator wrote no CSV file"
    committed = {path.name: path.read_bytes() for path in COMMITTED}
    assert sorted(committed) == sorted(generated), "run exercises/data/generate.py"
    for name, content in generated.items():
        assert committed[name] == content, f"{name} is stale: run exercises/data/generate.py"


def test_files_are_utf8_with_unix_line_endings(generated: dict[str, bytes]) -> None:
    for name, content in generated.items():
        content.decode("utf-8")
        assert b"\r" not in content, name
        assert not content.startswith(b"\xef\xbb\xbf"), f"{name} must not start with a BOM"


@pytest.mark.parametrize("path", COMMITTED, ids=lambda path: path.name)
def test_file_is_small(path: Path) -> None:
    assert path.stat().st_size < MAX_BYTES


def dictionary_tables(text: str) -> dict[str, list[list[str]]]:
    """Map each `### name.csv` heading to the rows of the first table under it."""
    tables: dict[str, list[list[str]]] = {}
    current: str | None = None
    for line in text.splitlines():
        heading = re.match(r"^#{2,3} (.+)$", line)
        if heading:
            current = heading.group(1).strip() if heading.group(1).endswith(".csv") else None
            continue
        if current is None or not line.startswith("|"):
            continue
        rows = tables.setdefault(current, [])
        if not rows:
            assert line.strip() == HEADER, f"{current}: table header must be {HEADER!r}"
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        rows.append(cells)
    return {name: rows[2:] for name, rows in tables.items()}  # drop header and separator


def pandas_type(column: pd.Series) -> str:
    """The dictionary's word for the type pandas reads from the file."""
    if pd.api.types.is_bool_dtype(column):
        return "booléen"
    if pd.api.types.is_integer_dtype(column):
        return "entier"
    if pd.api.types.is_float_dtype(column):
        return "décimal"
    values = column.dropna().astype(str)
    if len(values) and values.str.match(DATE).all():
        return "date"
    return "texte"


@pytest.fixture(scope="module")
def tables() -> dict[str, list[list[str]]]:
    return dictionary_tables(DICTIONARY.read_text(encoding="utf-8"))


def test_every_file_is_documented(tables: dict[str, list[list[str]]]) -> None:
    assert sorted(tables) == sorted(path.name for path in COMMITTED)


@pytest.mark.parametrize("path", COMMITTED, ids=lambda path: path.name)
def test_dictionary_matches_columns_and_types(path: Path, tables: dict[str, list[list[str]]]) -> None:
    rows = tables[path.name]
    frame = pd.read_csv(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert [row[0] for row in rows] == list(frame.columns), "columns, in file order"
    for name, kind, meaning, example in rows:
        assert kind in TYPES, f"{path.name}: {name}: unknown type {kind!r}"
        assert kind == pandas_type(frame[name]), f"{path.name}: {name}"
        assert meaning, f"{path.name}: {name}: empty meaning"
        assert example in set(raw[name]), f"{path.name}: {name}: example {example!r} not in the data"


@pytest.mark.parametrize("path", COMMITTED, ids=lambda path: path.name)
def test_no_email_outside_example_org(path: Path) -> None:
    domains = set(EMAIL.findall(path.read_text(encoding="utf-8")))
    assert domains <= {"example.org"}, f"{path.name}: {sorted(domains - {'example.org'})}"


def test_dictionary_links_every_file(tables: dict[str, list[list[str]]]) -> None:
    text = DICTIONARY.read_text(encoding="utf-8")
    for name in tables:
        assert f"[Télécharger {name}]({name}){{download}}" in text


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_template_opens_in_a_spreadsheet(path: Path) -> None:
    """Templates: UTF-8 with a BOM and semicolons, so spreadsheet software opens them as is."""
    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf"), "save with a UTF-8 BOM"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows[0]) >= 3, "the header must be split by semicolons"
    assert all(len(row) == len(rows[0]) for row in rows), "every row has as many cells as the header"
