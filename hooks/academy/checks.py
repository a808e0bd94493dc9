"""The checking engine: every rule over the repository, for the build and for ``academy check``."""

from __future__ import annotations

from pathlib import Path

from academy import glossary, talks
from academy.problems import Problem


def glossary_terms(root: Path) -> tuple[set[str], list[Problem]]:
    path = root / "docs" / glossary.GLOSSARY_FILE
    entries, problems = glossary.load(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())
    return {e.term for e in entries}, problems


def check_talks(root: Path) -> list[Problem]:
    """Front matter of every talk, and the rules that span files."""
    found, problems = talks.load_talks(root)
    terms, _ = glossary_terms(root)
    problems += talks.cross_check(found, talks.exercise_slugs(root), terms)
    return sorted(problems)
