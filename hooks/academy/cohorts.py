"""Cohorts (« promotions »): one YAML file per cohort, ``docs/promotions/<id>.yml``.

Loading keeps every problem, each located at the line of the faulty key: the schema
(pydantic on ruamel.yaml data whose dates are still text), the rules that span the file
(sessions, talks, mentors, duplicates) and a scan of the raw text for contact data.
``build`` gathers what the MkDocs adapter (``hooks/cohorts.py``) adds to the site; the
pages and the ``.ics`` files are rendered by ``academy.calendar``. Only cohorts without
any problem are published.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from academy import calendar, frontmatter, identity, yamlpos
from academy.problems import Problem
from academy.talks import EXERCISES_DIR, Talk, load_talks

PROMOTIONS_DIR = "promotions"
MARKER = "<!-- academy:current-cohort -->"
SESSIONS = 6
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_URL = re.compile(r"^https://[a-z0-9-]+(\.[a-z0-9-]+)+(:[0-9]+)?(/[\w.~%/?#&=+-]*)?$", re.IGNORECASE)
_WEB = re.compile(r"https?://\S+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)33[ .-]?(?:\(0\)[ .-]?)?[1-9]|0[1-9])(?:[ .-]?\d{2}){4}(?!\w)")


# --- Schema -------------------------------------------------------------------------------

_WHAT_TO_DO = {  # what to write instead, by kind of value
    "date": "écrivez une vraie date au format AAAA-MM-JJ, par exemple 2020-01-28",
    "time": "écrivez une heure de 00:00 à 23:59 au format HH:MM, par exemple 18:30",
    "url": "écrivez une adresse complète qui commence par https://, par exemple https://asso.example.org/",
    "bool": "écrivez true si les données sont inventées, false sinon",
}


def _date(value: Any) -> date:
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"date « {value} » illisible — {_WHAT_TO_DO['date']}")
    year, month, day = map(int, match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"date « {value} » impossible : le mois {month} n'existe pas — {_WHAT_TO_DO['date']}")
    try:
        return date(year, month, day)
    except ValueError:
        impossible = f"le {day} {calendar.month_name(month)} {year} n'existe pas"
        raise ValueError(f"date « {value} » impossible : {impossible} — {_WHAT_TO_DO['date']}") from None


def _time(value: Any) -> time:
    match = _TIME.match(value) if isinstance(value, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"heure « {value} » illisible — {_WHAT_TO_DO['time']}")
    return time(int(match[1]), int(match[2]))


def _https(value: Any) -> str:
    if not isinstance(value, str) or not _URL.match(value.strip()):
        raise ValueError(f"adresse « {value} » invalide — {_WHAT_TO_DO['url']}")
    return value.strip()


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"« {value} » n'est ni true ni false — {_WHAT_TO_DO['bool']}")
    return value


def _one_line(text: str) -> str:
    if "\n" in text:
        raise ValueError("texte sur plusieurs lignes — écrivez-le sur une seule ligne")
    return text


Line = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_one_line)]
Day = Annotated[date, BeforeValidator(_date)]
Clock = Annotated[time, BeforeValidator(_time)]
Https = Annotated[str, BeforeValidator(_https)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Session(_Strict):
    date: Day
    start: Clock
    end: Clock
    place: Line | None = None
    video_url: Https | None = None
    talk: Line  # the talk's folder name under talks/, e.g. 01-strategie-digitale

    @model_validator(mode="after")
    def _place_or_video(self) -> Session:
        if (self.place is None) == (self.video_url is None):
            raise ValueError(
                "un lieu (place) ou un lien de visioconférence (video_url) — gardez l'un des deux, pas les deux"
            )
        return self


class Association(_Strict):
    name: Line
    description: Line
    website: Https
    use_case: Line
    status: Literal["a-cadrer", "en-cours", "deploye", "en-pause"]  # labels: calendar.STATUS_LABELS
    mentors: list[Line]


class Volunteer(_Strict):
    name: Line  # the display name this person agreed to show
    role: Literal["mentor", "intervenant", "coordination"]  # headings: calendar.ROLE_HEADINGS


class CohortData(_Strict):
    name: Line
    year: int = Field(ge=2018, le=2100)
    fictional: Annotated[bool, BeforeValidator(_boolean)]
    sessions: list[Session] = Field(min_length=1)
    associations: list[Association] = Field(min_length=1)
    volunteers: list[Volunteer] = Field(min_length=1)


@dataclass(frozen=True)
class Cohort:
    id: str  # the file name without ``.yml``: the page is promotions/<id>/
    path: str  # relative to the repository root, for messages
    data: CohortData

    @property
    def first(self) -> date:
        return self.data.sessions[0].date

    @property
    def last(self) -> date:
        return self.data.sessions[-1].date


# --- Rules --------------------------------------------------------------------------------

_SAY = {  # message of each rule: « what is wrong — what to do »
    "count": "{n} session(s), il en faut exactement 6, une par talk — ajoutez ou retirez des sessions",
    "end": "la fin ({end:%H:%M}) n'est pas après le début ({start:%H:%M}) — corrigez l'heure de fin",
    "same-day": "même jour que sessions[{other}] ({day}) — une session par jour : changez l'une des deux dates",
    "order": "{day} tombe avant la session précédente ({before}) — rangez les sessions par ordre chronologique",
    "talk-twice": "talk « {talk} » déjà présenté à sessions[{other}] — un talk par session : changez de talk",
    "talk-unknown": "talk « {talk} » introuvable dans talks/{hint} — écrivez le nom d'un dossier de talks/",
    "mentor-count": "{n} mentor(s) pour « {name} », il en faut 2 ou 3 — formez un binôme ou un trinôme",
    "mentor-twice": "« {mentor} » figure deux fois parmi les mentors de « {name} » — retirez le doublon",
    "mentor-unknown": "« {mentor} » absent de volunteers{hint} — ajoutez cette personne à volunteers ou corrigez",
    "idle": "« {name} » a le rôle mentor sans association — ajoutez ce nom aux mentors d'une association",
    "duplicate": "« {name} » figure déjà en {other} — gardez une seule entrée ou distinguez les deux noms",
    "contact": "{what} dans le fichier — {todo} : les coordonnées personnelles restent hors d'un site public",
    "file-name": "nom « {name} » invalide — gardez minuscules, chiffres et tirets, par exemple 2027.yml",
    "yaml": "YAML illisible ({detail}) — vérifiez l'indentation, les « - » et les « : »",
    "encoding": "texte illisible — enregistrez le fichier en UTF-8",
}


@dataclass
class _Report:
    """Collects the problems of one file, each located at the key it is about."""

    rel: str
    raw: Any
    problems: list[Problem] = field(default_factory=list)

    def __call__(self, loc: tuple[str | int, ...], rule: str, say: str, **values: Any) -> None:
        line, col = yamlpos.position(self.raw, loc)
        self.at(line, col, yamlpos.key_path(loc), rule, say, **values)

    def at(self, line: int, col: int, where: str, rule: str, say: str, **values: Any) -> None:
        self.problems.append(Problem(self.rel, line, col, f"{where}: {_SAY[say].format(**values)}", rule))


def _hint(name: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


def _locations(node: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[int, tuple[str | int, ...]]]:
    """(1-based line, key path) of every key and list item, parents before children."""
    if isinstance(node, CommentedMap):
        items = [(key, node.lc.key(key)[0]) for key in node]
    elif isinstance(node, CommentedSeq):
        items = [(index, node.lc.item(index)[0]) for index in range(len(node))]
    else:
        return
    for key, line in items:
        yield line + 1, (*loc, key)
        yield from _locations(node[key], (*loc, key))


def _check_contact(text: str, report: _Report) -> None:
    """Every e-mail address or phone number in the raw text, comments included."""
    located = sorted(_locations(report.raw), key=lambda item: item[0])
    for number, line in enumerate(text.splitlines(), start=1):
        found = [(m, "adresse e-mail", "retirez-la") for m in _EMAIL.finditer(line)]
        urls = [url.span() for url in _WEB.finditer(line)]  # digits of a web address are no phone number
        phones = [m for m in _PHONE.finditer(line) if not any(a <= m.start() < b for a, b in urls)]
        found += [(m, "numéro de téléphone", "retirez-le") for m in phones]
        before = [loc for at, loc in located if at <= number]
        exact = [loc for at, loc in located if at == number]
        comment = line.lstrip().startswith("#") or not before
        where = "(commentaire)" if comment else yamlpos.key_path((exact or before)[-1])
        for match, what, todo in found:
            report.at(number, match.start() + 1, where, "cohort-contact", "contact", what=what, todo=todo)


def _check_sessions(data: CohortData, report: _Report, talk_slugs: set[str]) -> None:
    sessions = data.sessions
    if len(sessions) != SESSIONS:
        report(("sessions",), "cohort-sessions", "count", n=len(sessions))
    days: dict[date, int] = {}
    talks: dict[str, int] = {}
    for index, session in enumerate(sessions):
        here, talk = ("sessions", index), session.talk
        if session.end <= session.start:
            report((*here, "end"), "cohort-sessions", "end", end=session.end, start=session.start)
        if session.date in days:
            report((*here, "date"), "cohort-sessions", "same-day", other=days[session.date], day=session.date)
        elif index and session.date < sessions[index - 1].date:
            report((*here, "date"), "cohort-sessions", "order", day=session.date, before=sessions[index - 1].date)
        days.setdefault(session.date, index)
        if talk in talks:
            report((*here, "talk"), "cohort-sessions", "talk-twice", talk=talk, other=talks[talk])
        elif talk not in talk_slugs:
            report((*here, "talk"), "cohort-talk", "talk-unknown", talk=talk, hint=_hint(talk, sorted(talk_slugs)))
        talks.setdefault(talk, index)


def _check_mentors(data: CohortData, report: _Report) -> None:
    names = [volunteer.name for volunteer in data.volunteers]
    mentoring: set[str] = set()
    for index, association in enumerate(data.associations):
        here, mentors = ("associations", index, "mentors"), association.mentors
        if not 2 <= len(mentors) <= 3:
            report(here, "cohort-mentors", "mentor-count", n=len(mentors), name=association.name)
        for position, mentor in enumerate(mentors):
            if mentor in mentors[:position]:
                report((*here, position), "cohort-mentors", "mentor-twice", mentor=mentor, name=association.name)
            elif mentor not in names:
                report((*here, position), "cohort-mentors", "mentor-unknown", mentor=mentor, hint=_hint(mentor, names))
            mentoring.add(mentor)
    for index, volunteer in enumerate(data.volunteers):
        if volunteer.role == "mentor" and volunteer.name not in mentoring:
            report(("volunteers", index, "name"), "cohort-mentors", "idle", name=volunteer.name)


def _check_duplicates(data: CohortData, report: _Report) -> None:
    for section in ("associations", "volunteers"):
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(data, section)):
            key = " ".join(item.name.casefold().split())
            if key in seen:
                other = f"{section}[{seen[key]}]"
                report((section, index, "name"), "cohort-duplicate", "duplicate", name=item.name, other=other)
            seen.setdefault(key, index)


def parse_cohort(text: str, rel: str, talk_slugs: set[str]) -> tuple[Cohort | None, list[Problem]]:
    """Validate one cohort file's text; the cohort is None when its schema is broken."""
    try:
        raw = yamlpos.load(text)
    except yamlpos.YamlSyntaxError as error:
        report = _Report(rel, None)
        report.at(error.line, error.col, "(racine)", "cohort-yaml", "yaml", detail=error.message)
        _check_contact(text, report)
        return None, sorted(report.problems)
    report = _Report(rel, raw)
    _check_contact(text, report)
    cohort_id = Path(rel).stem
    if not _ID.match(cohort_id):
        report.at(1, 1, "(fichier)", "cohort-schema", "file-name", name=Path(rel).name)
    data, found = yamlpos.validate(CohortData, raw, rel, rule="cohort-schema")
    if data is None:
        return None, sorted(report.problems + found)
    _check_sessions(data, report, talk_slugs)
    _check_mentors(data, report)
    _check_duplicates(data, report)
    return Cohort(cohort_id, rel, data), sorted(report.problems)


def load_cohort(path: Path, rel: str, talk_slugs: set[str]) -> tuple[Cohort | None, list[Problem]]:
    """Read and validate ``path``; ``rel`` is the path shown in messages."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        report = _Report(rel, None)
        report.at(1, 1, "(fichier)", "cohort-yaml", "encoding")
        return None, report.problems
    return parse_cohort(text, rel, talk_slugs)


# --- Build --------------------------------------------------------------------------------


def exercise_title(root: Path, slug: str) -> str:
    """An exercise page's front matter ``title``; its slug when there is none."""
    try:
        text = (root / EXERCISES_DIR / slug / "index.md").read_text(encoding="utf-8")
        meta = yamlpos.load(frontmatter.split(text).meta_text)
    except (OSError, yamlpos.YamlSyntaxError):
        return slug  # the talks' checks report a missing exercise
    title = meta.get("title") if isinstance(meta, dict) else None
    return title if isinstance(title, str) else slug


def exercises_by_talk(root: Path, talks: Sequence[Talk]) -> dict[str, list[tuple[str, str]]]:
    """Talk slug -> [(exercise slug, exercise title)] from each talk's front matter."""
    return {
        talk.slug: [(slug, exercise_title(root, slug)) for slug in talk.meta.exercises] for talk in talks if talk.meta
    }


@dataclass
class Build:
    """Everything the cohorts add to one build of the site."""

    problems: list[Problem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # docs-relative YAML files, kept out of site/
    files: dict[str, str | bytes] = field(default_factory=dict)  # docs-relative path -> content
    talk_dates: dict[str, str] = field(default_factory=dict)  # talk slug -> section to append
    current: str = ""  # replaces MARKER on the home page
    edit_uris: dict[str, str] = field(default_factory=dict)  # generated page -> its YAML source


def load_cohorts(root: Path, docs_dir: Path, talk_slugs: set[str]) -> tuple[list[Cohort], list[Problem]]:
    """Every file of ``docs_dir/promotions``: the cohorts without problems, and all the problems."""
    clean, problems = [], []
    for path in sorted((docs_dir / PROMOTIONS_DIR).glob("*.yml")):
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        cohort, found = load_cohort(path, rel, talk_slugs)
        problems += found
        clean += [cohort] if cohort is not None and not found else []
    return clean, problems


def build(root: Path, docs_dir: Path, today: date, site_url: str) -> Build:
    """Load every cohort of ``docs_dir/promotions`` and render the published ones."""
    talks, _ = load_talks(root)  # the talks' own problems are reported by the talks hook
    titles = {talk.slug: talk.title for talk in talks}
    published, problems = load_cohorts(root, docs_dir, set(titles))
    sources = [path.relative_to(docs_dir).as_posix() for path in sorted((docs_dir / PROMOTIONS_DIR).glob("*.yml"))]
    out = Build(problems=problems, sources=sources)
    if not sources:
        return out  # a site without cohort files gets no cohort pages
    exercises = exercises_by_talk(root, talks)
    who = identity.read(root)  # the calendar's name: the academy's, from mkdocs.yml
    for cohort in published:
        base = f"{PROMOTIONS_DIR}/{cohort.id}"
        out.files[f"{base}/index.md"] = calendar.render_cohort_page(cohort, titles, exercises, today)
        out.edit_uris[f"{base}/index.md"] = cohort.path
        out.files[f"{base}/{cohort.id}.ics"] = calendar.cohort_to_ics(cohort, site_url, titles, who.name or "Académie", who.organisation)
    out.files[f"{PROMOTIONS_DIR}/index.md"] = calendar.render_index(published, today)
    by_talk = calendar.sessions_by_talk(published)
    out.talk_dates = {slug: calendar.render_talk_dates(items, today) for slug, items in by_talk.items()}
    out.current = calendar.render_current(published, titles, today)
    return out


def decorate(src_uri: str, markdown: str, result: Build) -> str | None:
    """A talk page gets its dates; the home page gets the current cohort; else None."""
    parts = src_uri.split("/")
    if len(parts) == 3 and parts[0] == "talks" and parts[2] == "index.md" and parts[1] in result.talk_dates:
        return markdown.rstrip("\n") + "\n\n" + result.talk_dates[parts[1]]
    if src_uri == "index.md" and MARKER in markdown:
        return "\n".join(
            result.current.rstrip("\n") if line.strip() == MARKER else line for line in markdown.split("\n")
        )
    return None
