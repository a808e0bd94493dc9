"""Skeletons for authors: a talk, an exercise, a cohort, each valid for ``academy check``.

Each function returns the files to write (repository path, content) and writes nothing:
the command line writes them, and refuses to replace a file that exists.
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from datetime import date
from pathlib import Path

from academy import talks
from academy.templating import environment

TALKS = range(1, 7)  # session numbers the talk schema accepts
_COHORT_ID = re.compile(r"^(?P<year>[0-9]{4})[a-z0-9-]*$")


class ScaffoldError(Exception):
    """What cannot be created, and what to do instead (a message for the author)."""


def slugify(title: str, limit: int = 6) -> str:
    """« Mesurer l'impact ! » -> ``mesurer-limpact`` (ASCII, at most ``limit`` words)."""
    text = unicodedata.normalize("NFKD", title.replace("’", "").replace("'", "")).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]
    return "-".join(words[:limit])


def _quoted(text: str) -> str:
    """A YAML double-quoted string (JSON strings are valid YAML)."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _title(title: str) -> str:
    title = " ".join(title.split())
    if not 5 <= len(title) <= 120 or not slugify(title):
        raise ValueError(f"titre « {title} » : écrivez entre 5 et 120 caractères, avec au moins un mot")
    return title


def next_talk_number(root: Path) -> int | None:
    """The smallest session number no talk uses, by folder prefix or front matter."""
    found, _ = talks.load_talks(root)
    used = {t.number for t in found if t.number is not None}
    used |= {int(p.parent.name[:2]) for p in talks.talk_paths(root) if p.parent.name[:2].isdigit()}
    return next((n for n in TALKS if n not in used), None)


def new_exercise(root: Path, talk_slug: str, title: str) -> list[tuple[str, str]]:
    """A worksheet ``exercises/<NN>-<slug>/index.md`` for the talk ``talk_slug``."""
    title = _title(title)
    talk_file = root / talks.TALKS_DIR / talk_slug / "index.md"
    if not talk_file.is_file():
        known = ", ".join(p.parent.name for p in talks.talk_paths(root)) or "aucun"
        raise ValueError(f"talk « {talk_slug} » introuvable dans talks/ — choisissez parmi : {known}")
    talk, _ = talks.parse_talk(talk_file.read_text(encoding="utf-8"), talk_file.relative_to(root).as_posix())
    prefix = talk_slug[:2] if talk_slug[:2].isdigit() else f"{talk.number or 0:02d}"
    slug = f"{prefix}-{slugify(title)}"
    rel = f"{talks.EXERCISES_DIR}/{slug}/index.md"
    if (root / rel).exists():
        raise ScaffoldError(f"{rel} existe déjà — choisissez un autre titre ou modifiez ce fichier")
    content = environment().get_template("new-exercise.md.jinja").render(
        title=_quoted(title), talk=talk_slug, talk_title=talk.title)
    return [(rel, content)]


def new_talk(root: Path, title: str, exercise: str | None = None) -> list[tuple[str, str]]:
    """``talks/<NN>-<slug>/index.md`` with the next free session number, and its exercise."""
    title = _title(title)
    number = next_talk_number(root)
    if number is None:
        raise ScaffoldError("les six sessions ont déjà un talk (numéros 1 à 6) — modifiez le talk existant, "
                            "ou libérez un numéro en renommant l'ancien talk")
    slug = f"{number:02d}-{slugify(title)}"
    rel = f"{talks.TALKS_DIR}/{slug}/index.md"
    if (root / rel).parent.exists():
        raise ScaffoldError(f"le dossier {Path(rel).parent.as_posix()} existe déjà — choisissez un autre titre")
    files = []
    if exercise is None:
        exercise = slug
        exercise_title = f"Mettre en pratique : {title}"
        exercise_rel = f"{talks.EXERCISES_DIR}/{exercise}/index.md"
        if (root / exercise_rel).exists():
            raise ScaffoldError(f"{exercise_rel} existe déjà — donnez-le avec --exercice {exercise}")
        files.append((exercise_rel, environment().get_template("new-exercise.md.jinja").render(
            title=_quoted(exercise_title), talk=slug, talk_title=title)))
    elif exercise not in talks.exercise_slugs(root):
        raise ValueError(f"exercice « {exercise} » introuvable — donnez le nom d'un dossier d'exercises/")
    else:
        exercise_title = _exercise_title(root, exercise)
    content = environment().get_template("new-talk.md.jinja").render(
        number=number, title=_quoted(title), exercise=exercise, exercise_title=exercise_title, duration=120)
    return [(rel, content), *files]


def _exercise_title(root: Path, slug: str) -> str:
    text = (root / talks.EXERCISES_DIR / slug / "index.md").read_text(encoding="utf-8")
    match = re.search(r'^title:\s*"?(?P<title>[^"\n]+)"?\s*$', text, re.MULTILINE)
    return f"Exercice : {match['title']}" if match else f"Exercice {slug}"


def _last_tuesday(year: int, month: int) -> date:
    last = calendar.monthrange(year, month)[1]
    day = date(year, month, last)
    return date.fromordinal(day.toordinal() - (day.weekday() - 1) % 7)


def new_cohort(root: Path, ident: str, associations: int = 10, mentors: int = 3) -> list[tuple[str, str]]:
    """``docs/promotions/<id>.yml``: six sessions on the last Tuesdays of January to June, blanks to fill."""
    match = _COHORT_ID.match(ident)
    if not match or not 2018 <= int(match["year"]) <= 2100:
        raise ValueError(f"promotion « {ident} » : donnez une année de 2018 à 2100, par exemple 2027 (ou 2027-automne)")
    rel = f"docs/promotions/{ident}.yml"
    if (root / rel).exists():
        raise ScaffoldError(f"{rel} existe déjà — modifiez-le ou choisissez un autre nom, par exemple {ident}-automne")
    year = int(match["year"])
    found, _ = talks.load_talks(root)
    ordered = sorted((t for t in found if t.number), key=lambda t: t.number)[:6]
    slugs = [t.slug for t in ordered] + ['""'] * (6 - len(ordered))  # too few talks: the author writes the missing ones
    # 19:00 to 21:00, or later when the talk needs more time (session-duration rule).
    minutes = [max(120, (t.meta.duration if t.meta else 0) or 0) for t in ordered] + [120] * (6 - len(ordered))
    ends = [f"{19 + m // 60:02d}:{m % 60:02d}" for m in minutes]
    sessions = [{"date": _last_tuesday(year, month).isoformat(), "talk": slugs[month - 1], "end": ends[month - 1]} for month in range(1, 7)]
    content = environment().get_template("new-cohort.yml.jinja").render(
        name=f"Promotion {ident}", year=year, path=rel, sessions=sessions, associations=associations, mentors=mentors)
    return [(rel, content)]
