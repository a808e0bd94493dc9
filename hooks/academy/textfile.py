"""Reading an author's text file: bytes to text, and text to lines, the way MkDocs does.

MkDocs reads pages as UTF-8 and drops a byte-order mark (``utf-8-sig``); Python-Markdown
breaks lines at ``\\r\\n``, ``\\r`` and ``\\n`` only. ``str.splitlines`` also breaks at
characters such as U+0085 or U+2028 that editors show inside a line, so line numbers would
drift: every check splits with ``split_lines`` instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from academy.problems import Problem

BOM = "\ufeff"
_BREAK = re.compile(r"\r\n|\r|\n")
_KEEP = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
ENCODING_TODO = "enregistrez le fichier en UTF-8 (le codage par défaut des éditeurs)"


def split_lines(text: str, *, keepends: bool = False) -> list[str]:
    """Lines as an editor numbers them; like ``str.splitlines`` for ordinary text."""
    if keepends:
        return _KEEP.findall(text)
    parts = _BREAK.split(text)
    return parts[:-1] if parts and parts[-1] == "" else parts


def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of the character at ``index``."""
    before = split_lines(text[:index] + "x")
    return len(before), len(before[-1])


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """The text of a file (its byte-order mark dropped, as MkDocs does), or None and where it is not UTF-8."""
    try:
        return raw.decode("utf-8").removeprefix(BOM), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(rel, line, col, f"texte illisible — {ENCODING_TODO}", "encoding")]


def read(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """``decode`` of a file on disk; OSError (missing, unreadable) is left to the caller."""
    return decode(path.read_bytes(), rel)


def empty(rel: str) -> Problem:
    """An empty page is published as a blank page: almost always a file saved too early."""
    return Problem(rel, 1, 1, "fichier vide — écrivez le contenu de la page ou supprimez le fichier", "empty-file")


def as_mkdocs_reads(text: str) -> str:
    """``text`` as MkDocs' ``File.content_string`` gives it: no byte-order mark, every line break ``\\n``."""
    return text.removeprefix(BOM).replace("\r\n", "\n").replace("\r", "\n")


def lenient(raw: bytes) -> str | None:
    """None when ``raw`` is UTF-8; else its text with each undecodable byte shown as « � »."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")
    return None
