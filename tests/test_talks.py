"""Unit tests of talk discovery and front matter (academy.talks, academy.mount)."""

from __future__ import annotations

from pathlib import Path

import pytest
from academy import talks
from academy.mount import expand_nav, mounted_files

CASES = Path(__file__).parent / "cases" / "front-matter"


def expected(case: Path) -> list[str]:
    """The messages a case expects, written in its `expect:` comment lines."""
    return [line.split("expect:", 1)[1].removesuffix("-->").strip() for line in case.read_text(encoding="utf-8").splitlines() if "expect:" in line]


@pytest.mark.parametrize("case", sorted(CASES.glob("*.md")), ids=lambda p: p.stem)
def test_front_matter_case(case: Path) -> None:
    rel = f"talks/{case.stem}/index.md"
    talk, problems = talks.parse_talk(case.read_text(encoding="utf-8"), rel)
    if talk.meta is not None:
        problems += talks.cross_check([talk], exercises={"01-canevas-cas-usage"}, glossary_terms={"RGPD"})
    assert [str(p) for p in problems] == expected(case)


def test_duplicate_number_points_at_second_talk() -> None:
    first, _ = talks.parse_talk((CASES / "valid.md").read_text(encoding="utf-8"), "talks/a/index.md")
    second, _ = talks.parse_talk((CASES / "valid.md").read_text(encoding="utf-8"), "talks/b/index.md")
    problems = talks.cross_check([first, second], exercises={"01-canevas-cas-usage"}, glossary_terms={"RGPD"})
    assert [str(p) for p in problems] == [
        "talks/b/index.md:2:1: number: la session 1 est déjà prise par talks/a/index.md — choisissez un autre numéro de 1 à 6 (front-matter)"
    ]


def test_mounted_files_skip_tooling(tmp_path: Path) -> None:
    for rel in ["talks/01-a/index.md", "talks/01-a/fig.svg", "exercises/data/generate.py", "exercises/data/x.csv",
                "exercises/02-b/.ipynb_checkpoints/n.ipynb", "exercises/02-b/n.ipynb", "docs/index.md"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    assert mounted_files(tmp_path) == [
        "talks/01-a/fig.svg", "talks/01-a/index.md", "exercises/02-b/n.ipynb", "exercises/data/x.csv",
    ] or sorted(mounted_files(tmp_path)) == sorted([
        "talks/01-a/fig.svg", "talks/01-a/index.md", "exercises/02-b/n.ipynb", "exercises/data/x.csv",
    ])


def test_expand_nav_lists_matches_once() -> None:
    nav = [{"Accueil": "index.md"}, {"Exercices": ["exercises/index.md", "exercises/*/index.md", "exercises/data/index.md"]}]
    pages = ["index.md", "exercises/index.md", "exercises/02-b/index.md", "exercises/01-a/index.md", "exercises/data/index.md", "exercises/01-a/x.md"]
    assert expand_nav(nav, pages) == [
        {"Accueil": "index.md"},
        {"Exercices": ["exercises/index.md", "exercises/01-a/index.md", "exercises/02-b/index.md", "exercises/data/index.md"]},
    ]


def test_real_talks_are_valid() -> None:
    root = Path(__file__).resolve().parent.parent
    found, problems = talks.load_talks(root)
    assert [str(p) for p in problems] == []
    assert sorted(t.meta.number for t in found) == [1, 2, 3, 4, 5, 6]
