"""Content-keyed caches (academy.cache): keys, atomic writes, computed once."""

from __future__ import annotations

from pathlib import Path

from academy import cache


def test_keys_delimit_their_parts() -> None:
    assert cache.key("ab", "c") != cache.key("a", "bc")
    assert cache.key("x", b"y") == cache.key(b"x", "y")


def test_text_is_computed_once_then_read_from_disk(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(tmp_path))
    calls = []

    def compute() -> str:
        calls.append(1)
        return "résultat"

    key = cache.key("test_text_is_computed_once", str(tmp_path))
    assert cache.text("essai", key, compute) == "résultat"
    assert cache.text("essai", key, compute) == "résultat"
    assert calls == [1]
    stored = tmp_path / "essai" / key[:2] / key
    assert stored.read_text(encoding="utf-8") == "résultat"
    cache._MEMORY.clear()  # a new process: the value comes from the file
    assert cache.text("essai", key, compute) == "résultat" and calls == [1]


def test_atomic_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    cache.write_atomic(target, b"un")
    cache.write_atomic(target, b"deux")
    assert target.read_bytes() == b"deux"
    assert [p.name for p in target.parent.iterdir()] == ["b.txt"]
