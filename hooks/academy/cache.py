"""Content-keyed caches, outside the repository: ``$ACADEMY_CACHE_DIR`` (``~/.cache/academy-site``).

A key is the hash of everything an output depends on (the source text, the versions of the
code that made it), never a time: a cached value is right as long as its key matches, and a
stale one is simply never asked for again. Values are written atomically (a temporary file
in the same folder, then ``os.replace``), so a build stopped halfway leaves no half file.
A process keeps what it read or computed in memory too, so ``make serve`` re-reads nothing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from academy.problems import Problem, Severity

_MEMORY: dict[tuple[str, str], str | bytes] = {}
_MEMORY_LIMIT = 4096  # entries; a serve session of a few hours stays far below


def cache_dir(*parts: str) -> Path:
    """The cache folder (``ACADEMY_CACHE_DIR``, else ``~/.cache/academy-site``), and a subfolder."""
    base = Path(os.environ.get("ACADEMY_CACHE_DIR") or Path.home() / ".cache" / "academy-site")
    return base.joinpath(*parts)


def key(*parts: str | bytes) -> str:
    """The hash of ``parts`` (each one delimited, so ("ab", "c") and ("a", "bc") differ)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()[:32]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step: readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def text(namespace: str, cache_key: str, compute: Callable[[], str]) -> str:
    """The text stored under ``cache_key``, computed (and stored) when absent."""
    memory_key = (namespace, cache_key)
    if (found := _MEMORY.get(memory_key)) is not None:
        return found
    path = cache_dir(namespace, cache_key[:2], cache_key)
    try:
        value = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        value = compute()
        write_atomic(path, value.encode("utf-8"))
    if len(_MEMORY) >= _MEMORY_LIMIT:
        _MEMORY.clear()
    _MEMORY[memory_key] = value
    return value


@functools.cache
def code_digest() -> str:
    """The hash of the engine itself (every file of the ``academy`` package): a key part of any
    result the engine's code makes, so that a changed rule never reads an old result."""
    package = Path(__file__).resolve().parent
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return key(*(part for path in files for part in (path.relative_to(package).as_posix(), path.read_bytes())))


def problems(namespace: str, cache_key: str, compute: Callable[[], Iterable[Problem]]) -> list[Problem]:
    """The problems stored under ``cache_key`` (JSON), computed (and stored) when absent."""

    def encoded() -> str:
        return json.dumps([[p.path, p.line, p.col, p.message, p.rule, p.severity.value] for p in compute()], ensure_ascii=False)

    stored = json.loads(text(namespace, cache_key, encoded))
    return [Problem(path, line, col, message, rule, Severity(severity)) for path, line, col, message, rule, severity in stored]


def value(namespace: str, cache_key: str, compute: Callable[[], object]) -> object:
    """A value stored (pickled) under ``cache_key``, computed (and stored) when absent.

    Each call returns a fresh copy, so that no caller changes what another one reads. Only for
    values of the engine's own classes: the key must hold ``code_digest()``.
    """
    memory_key = (namespace, cache_key)
    data = _MEMORY.get(memory_key)
    if not isinstance(data, bytes):
        path = cache_dir(namespace, cache_key[:2], cache_key)
        try:
            data = path.read_bytes()
            found = pickle.loads(data)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            found = compute()
            data = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
            write_atomic(path, data)
        if len(_MEMORY) >= _MEMORY_LIMIT:
            _MEMORY.clear()
        _MEMORY[memory_key] = data
        return found
    return pickle.loads(data)


def files_match(hashes: dict[str, str]) -> bool:
    """Every file of ``hashes`` (path -> SHA-256 hex digest) still has that content (a missing file: None)."""
    for path, expected in hashes.items():
        try:
            actual = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except FileNotFoundError:
            actual = None
        except OSError:
            return False
        if actual != expected:
            return False
    return True
