"""Content-keyed caches (academy.cache): keys, atomic writes, computed once."""

from __future__ import annotations

import shutil
from pathlib import Path

from academy import cache, checks
from academy.problems import Problem, Severity
from conftest import cache_sharing_notebook_runs

CASES = Path(__file__).parent / "cases" / "checks"


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


def test_value_gives_each_caller_its_own_copy_and_survives_the_process(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(tmp_path))
    calls = []

    def compute() -> dict:
        calls.append(1)
        return {"liste": [1, 2]}

    key = cache.key("test_value", str(tmp_path))
    first = cache.value("essai", key, compute)
    first["liste"].append(3)  # a caller changing its copy changes nobody else's
    assert cache.value("essai", key, compute) == {"liste": [1, 2]}
    cache._MEMORY.clear()
    assert cache.value("essai", key, compute) == {"liste": [1, 2]} and calls == [1]


def test_problems_keep_their_place_rule_and_severity(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(tmp_path))
    found = [Problem("docs/a.md", 3, 7, "phrase longue « x »", "plain-language", Severity.ADVICE)]
    key = cache.key("test_problems", str(tmp_path))
    assert cache.problems("essai", key, lambda: found) == found
    cache._MEMORY.clear()
    assert cache.problems("essai", key, lambda: []) == found


def test_an_unchanged_page_is_checked_again_when_the_anchor_it_links_to_goes(tmp_path: Path, monkeypatch) -> None:
    """Page rules are kept under the page's text and what they read elsewhere (incremental.page_context)."""
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(cache_sharing_notebook_runs(tmp_path / "cache")))
    root = tmp_path / "repo"
    shutil.copytree(CASES / "repo", root)
    (root / "docs/guides/b.md").write_text("# B\n\n## Une section\n\nTexte.\n", encoding="utf-8")
    (root / "docs/guides/a.md").write_text("# A\n\nVoir [la section](b.md#une-section).\n", encoding="utf-8")
    assert not [p for p in checks.check_repository(root) if p.path == "docs/guides/a.md"]
    (root / "docs/guides/b.md").write_text("# B\n\n## Un autre titre\n\nTexte.\n", encoding="utf-8")
    assert [(p.line, p.rule) for p in checks.check_repository(root) if p.path == "docs/guides/a.md"] == [(3, "broken-anchor")]
    (root / "docs/guides/b.md").unlink()
    assert [(p.line, p.rule) for p in checks.check_repository(root) if p.path == "docs/guides/a.md"] == [(3, "broken-link")]
