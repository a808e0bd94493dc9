"""Exercises (``exercises/<slug>/index.md``): front matter validated like the talks'.

Every exercise names its talk, its kind and its duration; a typo (``talk: 01-strategie``,
``kind: notebok``) is a located problem, not a page that silently loses its link to the talk.
``academy.model`` reads every exercise with ``parse_exercise``; the front-matter rule
(``academy.checks``) reports what it found and what ``cross_check`` finds.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from academy import yamlpos
from academy.problems import Problem
from academy.talks import EXERCISES_DIR, NOT_EXERCISES, parse_front_matter

KINDS = ("notebook", "worksheet")


class ExerciseMeta(BaseModel):
    """The front matter every exercise must have (see CONTRIBUTING.md)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=5, max_length=120)
    talk: str = Field(min_length=1)  # the talk's folder under talks/
    duration: int = Field(ge=10, le=240)  # minutes
    kind: Literal[KINDS]  # type: ignore[valid-type]
    # Keys that Material for MkDocs understands, allowed but optional.
    description: str | None = None
    hide: list[str] | None = None


@dataclass(frozen=True)
class Exercise:
    slug: str
    path: str  # relative to the repository root
    meta: ExerciseMeta | None  # None when the front matter is invalid
    raw: Any
    meta_line: int

    @property
    def title(self) -> str:
        """The front matter's title, even when another field is wrong; the slug when there is none."""
        title = self.raw.get("title") if isinstance(self.raw, dict) else None
        return title.strip() if isinstance(title, str) and title.strip() else self.slug


def exercise_paths(root: Path) -> list[Path]:
    return sorted(p for p in (root / EXERCISES_DIR).glob("*/index.md") if p.parent.name not in NOT_EXERCISES)


def is_exercise(uri: str) -> bool:
    parts = uri.split("/")
    return len(parts) == 3 and parts[0] == EXERCISES_DIR and parts[2] == "index.md" and parts[1] not in NOT_EXERCISES


def parse_exercise(text: str, path: str) -> tuple[Exercise, list[Problem]]:
    meta, raw, line, problems = parse_front_matter(ExerciseMeta, text, path)
    return Exercise(Path(path).parent.name, path, meta, raw, line), problems


def unreadable(path: str) -> Exercise:
    """An exercise whose file is not UTF-8 (the encoding rule reports it)."""
    return Exercise(Path(path).parent.name, path, None, None, 1)


def cross_check(exercises: Iterable[Exercise], talks: set[str], root: Path) -> list[Problem]:
    """The talk named exists; a notebook exercise has its notebook."""
    problems = []
    for exercise in exercises:
        # The talk is checked even when another field is wrong: both typos show at once.
        talk = exercise.raw.get("talk") if isinstance(exercise.raw, dict) else None
        if isinstance(talk, str) and talk.strip() and talk.strip() not in talks:
            line, col = yamlpos.position(exercise.raw, ["talk"])
            close = difflib.get_close_matches(talk.strip(), sorted(talks), n=1, cutoff=0.6)
            hint = f" (vouliez-vous dire « {close[0]} » ?)" if close else ""
            message = (f"talk: talk « {talk.strip()} » introuvable dans talks/{hint} — "
                       "écrivez le nom du dossier du talk, par exemple 01-strategie-digitale")
            problems.append(Problem(exercise.path, line + exercise.meta_line - 1, col, message, "front-matter"))
        folder = root / Path(exercise.path).parent
        if exercise.meta is not None and exercise.meta.kind == "notebook" and not list(folder.glob("*.ipynb")):
            line, col = yamlpos.position(exercise.raw, ["kind"])
            message = f"kind: exercice « notebook » sans fichier .ipynb dans {folder.relative_to(root).as_posix()}/ — ajoutez le notebook ou écrivez kind: worksheet"
            problems.append(Problem(exercise.path, line + exercise.meta_line - 1, col, message, "front-matter"))
    return problems
