"""Talks (``talks/<slug>/index.md``) and exercises (``exercises/<slug>/``): discovery and front matter.

A talk's front matter is validated with pydantic; every problem points at the line of the
field in the author's file. Cross-file rules (unique numbers, existing exercises and glossary
terms) are separate pure functions so the command line and the build share them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from academy import frontmatter, textfile, yamlpos
from academy.problems import Problem

TALKS_DIR = "talks"
EXERCISES_DIR = "exercises"
NOT_EXERCISES = {"data", "modeles"}  # folders of exercises/ that hold shared files
FRONT_MATTER_TODO = "vérifiez l'indentation et les « : »"


def _objective(text: str) -> str:
    if not text.startswith("Vous saurez"):
        raise ValueError("un objectif commence par « Vous saurez » — reformulez-le, par exemple « Vous saurez classer vos idées »")
    return text


def _one_sentence(text: str) -> str:
    if text.count(". ") > 0:
        raise ValueError("le résumé tient en une phrase — gardez une seule phrase")
    return text


class TalkMeta(BaseModel):
    """The front matter every talk must have (see CONTRIBUTING.md)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=False)

    number: int = Field(ge=1, le=6)
    title: str = Field(min_length=5, max_length=120)
    summary: Annotated[str, AfterValidator(_one_sentence)] = Field(min_length=20, max_length=300)
    duration: int = Field(ge=30, le=240)
    split: bool = False  # given over several sessions: its notes say how (rule session-duration)
    level: Literal["débutant", "intermédiaire", "avancé"]
    objectives: list[Annotated[str, AfterValidator(_objective)]] = Field(min_length=3, max_length=5)
    exercises: list[str] = Field(min_length=1)
    glossary: list[str] = Field(default_factory=list)
    # Keys that Material for MkDocs understands, allowed but optional.
    description: str | None = None
    hide: list[str] | None = None


@dataclass(frozen=True)
class Talk:
    slug: str
    path: str  # relative to the repository root, e.g. talks/01-strategie-digitale/index.md
    meta: TalkMeta | None  # None when the front matter is invalid
    raw: Any  # the YAML data as loaded, to locate fields
    meta_line: int

    @property
    def number(self) -> int | None:
        return self.meta.number if self.meta else None

    @property
    def title(self) -> str:
        return self.meta.title if self.meta else self.slug


def talk_paths(root: Path) -> list[Path]:
    return sorted((root / TALKS_DIR).glob("*/index.md"))


def exercise_slugs(root: Path) -> set[str]:
    base = root / EXERCISES_DIR
    return {p.parent.name for p in base.glob("*/index.md") if p.parent.name not in NOT_EXERCISES}


def parse_front_matter[M](schema: type[M], text: str, path: str) -> tuple[M | None, Any, int, list[Problem]]:
    """(validated front matter, YAML data as loaded, its first line, problems) of one page."""
    doc = frontmatter.split(text)
    if not doc.meta_text.strip():
        problem = Problem(path, 1, 1, "en-tête YAML absent — commencez le fichier par un bloc « --- » (voir CONTRIBUTING.md)", "front-matter")
        return None, None, 1, [problem]
    offset = doc.meta_line - 1
    try:
        raw = yamlpos.load(doc.meta_text)
    except yamlpos.YamlSyntaxError as error:
        problem = Problem(path, error.line + offset, error.col, f"en-tête YAML illisible ({error.message}) — {error.todo or FRONT_MATTER_TODO}", "front-matter")
        return None, None, doc.meta_line, [problem]
    meta, problems = yamlpos.validate(schema, raw, path, rule="front-matter", line_offset=offset)
    return meta, raw, doc.meta_line, problems


def parse_talk(text: str, path: str) -> tuple[Talk, list[Problem]]:
    """Read one talk's front matter; problems carry the line of the faulty field."""
    meta, raw, line, problems = parse_front_matter(TalkMeta, text, path)
    return Talk(Path(path).parent.name, path, meta, raw, line), problems


def _line(talk: Talk, *loc: str | int) -> tuple[int, int]:
    line, col = yamlpos.position(talk.raw, loc)
    return line + talk.meta_line - 1, col


def cross_check(talks: Iterable[Talk], exercises: set[str], glossary_terms: set[str] | None) -> list[Problem]:
    """Rules that need more than one file: unique numbers, existing exercises and terms."""
    problems: list[Problem] = []
    seen: dict[int, Talk] = {}
    for talk in talks:
        if talk.meta is None:
            continue
        if talk.meta.number in seen:
            line, col = _line(talk, "number")
            other = seen[talk.meta.number].path
            problems.append(Problem(talk.path, line, col, f"number: la session {talk.meta.number} est déjà prise par {other} — choisissez un autre numéro de 1 à 6", "front-matter"))
        else:
            seen[talk.meta.number] = talk
        for index, slug in enumerate(talk.meta.exercises):
            if slug not in exercises:
                line, col = _line(talk, "exercises", index)
                problems.append(Problem(talk.path, line, col, f"exercises[{index}]: exercice « {slug} » introuvable dans exercises/ — créez exercises/{slug}/index.md ou corrigez le nom", "front-matter"))
        for index, term in enumerate(talk.meta.glossary if glossary_terms is not None else []):
            if term not in glossary_terms:
                line, col = _line(talk, "glossary", index)
                problems.append(Problem(talk.path, line, col, f"glossary[{index}]: terme « {term} » absent du glossaire — ajoutez-le à docs/glossaire.yml", "front-matter"))
    return problems


def load_talks(root: Path) -> tuple[list[Talk], list[Problem]]:
    """Every talk under ``root/talks`` with the problems of its own front matter."""
    talks, problems = [], []
    for file in talk_paths(root):
        rel = file.relative_to(root).as_posix()
        text, unreadable = textfile.read(file, rel)
        talk, found = parse_talk(text, rel) if text is not None else (Talk(file.parent.name, rel, None, None, 1), unreadable)
        talks.append(talk)
        problems.extend(found)
    return talks, problems
