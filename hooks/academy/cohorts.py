"""Cohorts (« promotions »): one YAML file per cohort, ``docs/promotions/<id>.yml``.

Loading keeps every problem, each located at the line of the faulty key: the schema
(pydantic on ruamel.yaml data whose dates are still text), the rules that span the file
(sessions, talks, mentors, duplicates) and a scan of the raw text for contact data.
``build`` then renders what the MkDocs adapter (``hooks/cohorts.py``) adds to the site:
a page and an ``.ics`` calendar per cohort, the index, the dates shown on talk pages and
the block of the home page. Only cohorts without any problem are published.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from jinja2 import Environment, TemplateError
from markupsafe import Markup
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from academy import calendar, frontmatter, templating, yamlpos
from academy.problems import Problem
from academy.talks import EXERCISES_DIR, Talk, load_talks

PROMOTIONS_DIR = "promotions"
MARKER = "<!-- academy:current-cohort -->"
SESSIONS = 6
STATUSES = {  # key written in the YAML file -> (label, plural label) shown on the pages
    "a-cadrer": ("à cadrer", "à cadrer"),
    "en-cours": ("en cours", "en cours"),
    "deploye": ("déployé", "déployés"),
    "en-pause": ("en pause", "en pause"),
}
ROLES = {"mentor": "Mentors", "intervenant": "Animation des talks", "coordination": "Coordination du programme"}
_ID = re.compile(r"^[0-9]{4}[a-z0-9-]*$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_URL = re.compile(r"^https://[a-z0-9-]+(\.[a-z0-9-]+)+(:[0-9]+)?(/[\w.~%/?#&=+-]*)?$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)33[ .-]?(?:\(0\)[ .-]?)?[1-9]|0[1-9])(?:[ .-]?\d{2}){4}(?!\w)")
_OFF_SITE = "les coordonnées personnelles restent hors d'un site public"


# --- Schema -------------------------------------------------------------------------------


def _date(value: Any) -> date:
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"date « {value} » illisible — écrivez-la au format AAAA-MM-JJ, par exemple 2020-01-28")
    year, month, day = map(int, match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"date « {value} » impossible : le mois {month} n'existe pas — écrivez une vraie date au format AAAA-MM-JJ")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"date « {value} » impossible : le {day} {calendar.month_name(month)} {year} n'existe pas — écrivez une vraie date au format AAAA-MM-JJ") from None


def _time(value: Any) -> time:
    match = _TIME.match(value) if isinstance(value, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"heure « {value} » illisible — écrivez une heure de 00:00 à 23:59 au format HH:MM, par exemple 18:30")
    return time(int(match[1]), int(match[2]))


def _https(value: Any) -> str:
    if not isinstance(value, str) or not _URL.match(value.strip()):
        raise ValueError(f"adresse « {value} » invalide — écrivez une adresse complète qui commence par https://, par exemple https://mon-association.example.org/")
    return value.strip()


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"« {value} » n'est ni true ni false — écrivez true si les données sont inventées, false sinon")
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
            raise ValueError("indiquez soit un lieu (place), soit un lien de visioconférence (video_url) — gardez exactement l'un des deux")
        return self


class Association(_Strict):
    name: Line
    description: Line
    website: Https
    use_case: Line
    status: Literal["a-cadrer", "en-cours", "deploye", "en-pause"]  # the keys of STATUSES
    mentors: list[Line]


class Volunteer(_Strict):
    name: Line  # the display name this person agreed to show
    role: Literal["mentor", "intervenant", "coordination"]  # the keys of ROLES


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


# --- Loading and rules --------------------------------------------------------------------


def _problem(rel: str, raw: Any, loc: tuple[str | int, ...], text: str, rule: str) -> Problem:
    line, col = yamlpos.position(raw, loc)
    return Problem(rel, line, col, f"{yamlpos.key_path(loc)}: {text}", rule)


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


def check_contact(text: str, rel: str, raw: Any) -> list[Problem]:
    """Every e-mail address or phone number in the raw text, comments included."""
    located = sorted(_locations(raw), key=lambda item: item[0])
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = [(m, "adresse e-mail", "retirez-la") for m in _EMAIL.finditer(line)]
        found += [(m, "numéro de téléphone", "retirez-le") for m in _PHONE.finditer(line)]
        if not found:
            continue
        paths = [loc for at, loc in located if at <= number]
        exact = [loc for at, loc in located if at == number]
        where = "(commentaire)" if line.lstrip().startswith("#") or not paths else yamlpos.key_path((exact or paths)[-1])
        for match, what, todo in found:
            message = f"{where}: {what} dans le fichier — {todo} : {_OFF_SITE}"
            problems.append(Problem(rel, number, match.start() + 1, message, "cohort-contact"))
    return problems


def _check_sessions(data: CohortData, raw: Any, rel: str, talk_slugs: set[str]) -> Iterator[Problem]:
    sessions = data.sessions
    if len(sessions) != SESSIONS:
        yield _problem(rel, raw, ("sessions",), f"{len(sessions)} session(s), il en faut exactement {SESSIONS}, une par talk — ajoutez ou retirez des sessions", "cohort-sessions")
    days: dict[date, int] = {}
    talks: dict[str, int] = {}
    for index, session in enumerate(sessions):
        here = ("sessions", index)
        if session.end <= session.start:
            yield _problem(rel, raw, (*here, "end"), f"la fin ({session.end:%H:%M}) n'est pas après le début ({session.start:%H:%M}) — corrigez l'heure de fin", "cohort-sessions")
        if session.date in days:
            yield _problem(rel, raw, (*here, "date"), f"même jour que sessions[{days[session.date]}] ({session.date}) — une session par jour : changez l'une des deux dates", "cohort-sessions")
        elif index and session.date < sessions[index - 1].date:
            yield _problem(rel, raw, (*here, "date"), f"{session.date} tombe avant la session précédente ({sessions[index - 1].date}) — rangez les sessions dans l'ordre chronologique", "cohort-sessions")
        days.setdefault(session.date, index)
        if session.talk in talks:
            yield _problem(rel, raw, (*here, "talk"), f"talk « {session.talk} » déjà présenté à sessions[{talks[session.talk]}] — un talk par session : choisissez un autre talk", "cohort-sessions")
        elif session.talk not in talk_slugs:
            hint = _hint(session.talk, sorted(talk_slugs))
            yield _problem(rel, raw, (*here, "talk"), f"talk « {session.talk} » introuvable dans talks/{hint} — écrivez le nom d'un dossier de talks/", "cohort-talk")
        talks.setdefault(session.talk, index)


def _check_mentors(data: CohortData, raw: Any, rel: str) -> Iterator[Problem]:
    names = [volunteer.name for volunteer in data.volunteers]
    mentoring: set[str] = set()
    for index, association in enumerate(data.associations):
        here = ("associations", index, "mentors")
        count = len(association.mentors)
        if not 2 <= count <= 3:
            yield _problem(rel, raw, here, f"{count} mentor(s) pour « {association.name} », il en faut 2 ou 3 — formez un binôme ou un trinôme", "cohort-mentors")
        for position, mentor in enumerate(association.mentors):
            if mentor in association.mentors[:position]:
                yield _problem(rel, raw, (*here, position), f"« {mentor} » figure deux fois parmi les mentors de « {association.name} » — retirez le doublon", "cohort-mentors")
            elif mentor not in names:
                yield _problem(rel, raw, (*here, position), f"« {mentor} » absent de volunteers{_hint(mentor, names)} — ajoutez cette personne à volunteers ou corrigez le nom", "cohort-mentors")
            mentoring.add(mentor)
    for index, volunteer in enumerate(data.volunteers):
        if volunteer.role == "mentor" and volunteer.name not in mentoring:
            yield _problem(rel, raw, ("volunteers", index, "name"), f"« {volunteer.name} » a le rôle mentor sans association — ajoutez ce nom aux mentors d'une association ou changez son rôle", "cohort-mentors")


def _check_duplicates(data: CohortData, raw: Any, rel: str) -> Iterator[Problem]:
    for section in ("associations", "volunteers"):
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(data, section)):
            key = " ".join(item.name.casefold().split())
            if key in seen:
                yield _problem(rel, raw, (section, index, "name"), f"« {item.name} » figure déjà en {section}[{seen[key]}] — gardez une seule entrée ou distinguez les noms", "cohort-duplicate")
            seen.setdefault(key, index)


def parse_cohort(text: str, rel: str, talk_slugs: set[str]) -> tuple[Cohort | None, list[Problem]]:
    """Validate one cohort file's text; the cohort is None when its schema is broken."""
    try:
        raw = yamlpos.load(text)
    except yamlpos.YamlSyntaxError as error:
        message = f"(racine): YAML illisible ({error.message}) — vérifiez l'indentation, les « - » et les « : »"
        return None, sorted([Problem(rel, error.line, error.col, message, "cohort-yaml"), *check_contact(text, rel, None)])
    problems = check_contact(text, rel, raw)
    cohort_id = Path(rel).stem
    if not _ID.match(cohort_id):
        problems.append(Problem(rel, 1, 1, f"(fichier): nom « {Path(rel).name} » invalide — nommez le fichier d'après l'année, par exemple 2027.yml", "cohort-schema"))
    data, found = yamlpos.validate(CohortData, raw, rel, rule="cohort-schema")
    if data is None:
        return None, sorted(problems + found)
    problems += [*_check_sessions(data, raw, rel, talk_slugs), *_check_mentors(data, raw, rel), *_check_duplicates(data, raw, rel)]
    return Cohort(cohort_id, rel, data), sorted(problems)


def load_cohort(path: Path, rel: str, talk_slugs: set[str]) -> tuple[Cohort | None, list[Problem]]:
    """Read and validate ``path``; ``rel`` is the path shown in messages."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(rel, 1, 1, "(fichier): texte illisible — enregistrez le fichier en UTF-8", "cohort-yaml")]
    return parse_cohort(text, rel, talk_slugs)


# --- Pages --------------------------------------------------------------------------------


class RenderError(Exception):
    """A template failed; the message names the template and the data file."""


def inline(text: object) -> Markup:
    """Text from data made inert: HTML and Markdown characters become character references."""
    return Markup(str(text).translate(_INERT))


_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#+-.!|~^=:$%"})


def _yaml_text(text: str) -> Markup:
    """A YAML string for front matter; HTML-escaped because themes print the title as is."""
    return Markup(json.dumps(html.escape(text), ensure_ascii=False))


def _join(items: Sequence[str]) -> Markup:
    """``A, B et C``, each item made inert."""
    parts = [inline(item) for item in items]
    return Markup(", ").join(parts[:-1]) + Markup(" et ") + parts[-1] if len(parts) > 1 else Markup("").join(parts)


@cache
def _environment() -> Environment:
    env = templating.environment().overlay()
    env.filters = {**env.filters, "md": inline, "yaml_text": _yaml_text, "join_fr": _join,
                   "long_date": calendar.long_date, "short_date": calendar.short_date, "clock": calendar.clock}
    return env


def _render(template: str, source: str, **context: Any) -> str:
    try:
        return _environment().get_template(template).render(**context)
    except TemplateError as error:
        raise RenderError(f"{template}: {error} (données : {source})") from error


def _status_counts(cohort: Cohort) -> list[str]:
    counts = Counter(association.status for association in cohort.data.associations)
    return [f"{counts[key]} cas d'usage {plural if counts[key] > 1 else label}" for key, (label, plural) in STATUSES.items() if counts[key]]


def render_cohort_page(cohort: Cohort, talk_titles: Mapping[str, str], exercises_by_talk: Mapping[str, Sequence[tuple[str, str]]], today: date) -> str:
    """Markdown (with some HTML) of ``promotions/<id>/index.md``."""
    upcoming = calendar.next_slot([cohort], today)
    return _render(
        "cohort.md.j2", cohort.path, cohort=cohort, data=cohort.data, slots=calendar.slots(cohort), today=today,
        next=upcoming, titles=talk_titles, exercises=exercises_by_talk, status_counts=_status_counts(cohort),
        statuses=STATUSES, roles=ROLES, state=calendar.state,
    )


def render_index(cohorts: Sequence[Cohort], today: date) -> str:
    """Markdown of ``promotions/index.md``: newest cohort first."""
    newest = sorted(cohorts, key=lambda cohort: cohort.first, reverse=True)
    return _render("cohorts-index.md.j2", "docs/promotions/", cohorts=newest, today=today)


def render_talk_dates(talk_slots: Sequence[calendar.Slot], today: date) -> str:
    """Section appended to a talk page: its dates in each cohort."""
    return _render("talk-dates.md.j2", "docs/promotions/", slots=talk_slots, today=today, state=calendar.state)


def render_current(cohorts: Sequence[Cohort], talk_titles: Mapping[str, str], today: date) -> str:
    """Block of the home page: the next session, or the latest cohort when all are past."""
    latest = max(cohorts, key=lambda cohort: cohort.last, default=None)
    upcoming = calendar.next_slot(cohorts, today)
    return _render("current-cohort.md.j2", "docs/promotions/", next=upcoming, latest=latest, titles=talk_titles)


def exercise_title(root: Path, slug: str) -> str:
    """An exercise's front matter ``title``, else its first ``# `` heading, else its slug."""
    path = root / EXERCISES_DIR / slug / "index.md"
    if not path.is_file():
        return slug
    doc = frontmatter.split(path.read_text(encoding="utf-8"))
    try:
        meta = yamlpos.load(doc.meta_text) if doc.meta_text.strip() else None
    except yamlpos.YamlSyntaxError:
        meta = None
    if isinstance(meta, dict) and isinstance(meta.get("title"), str):
        return meta["title"]
    heading = next((line[2:].strip() for line in doc.body.splitlines() if line.startswith("# ")), "")
    return heading or slug


def exercises_by_talk(root: Path, talks: Sequence[Talk]) -> dict[str, list[tuple[str, str]]]:
    """Talk slug -> [(exercise slug, exercise title)] from each talk's front matter."""
    return {talk.slug: [(slug, exercise_title(root, slug)) for slug in talk.meta.exercises] for talk in talks if talk.meta}


@dataclass
class Build:
    """Everything the cohorts add to one build of the site."""

    problems: list[Problem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # docs-relative YAML files, kept out of site/
    files: dict[str, str | bytes] = field(default_factory=dict)  # docs-relative path -> content
    talk_dates: dict[str, str] = field(default_factory=dict)  # talk slug -> section to append
    current: str = ""  # replaces MARKER on the home page


def build(root: Path, docs_dir: Path, today: date, site_url: str) -> Build:
    """Load every cohort of ``docs_dir/promotions`` and render the published ones."""
    talks, _ = load_talks(root)  # the talks' own problems are reported by the talks hook
    titles = {talk.slug: talk.title for talk in talks}
    exercises = exercises_by_talk(root, talks)
    out, published = Build(), []
    for path in sorted((docs_dir / PROMOTIONS_DIR).glob("*.yml")):
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        out.sources.append(path.relative_to(docs_dir).as_posix())
        cohort, problems = load_cohort(path, rel, set(titles))
        out.problems += problems
        if cohort is not None and not problems:
            published.append(cohort)
    for cohort in published:
        base = f"{PROMOTIONS_DIR}/{cohort.id}"
        out.files[f"{base}/index.md"] = render_cohort_page(cohort, titles, exercises, today)
        out.files[f"{base}/{cohort.id}.ics"] = calendar.cohort_to_ics(cohort, site_url, titles)
    out.files[f"{PROMOTIONS_DIR}/index.md"] = render_index(published, today)
    out.talk_dates = {slug: render_talk_dates(items, today) for slug, items in calendar.sessions_by_talk(published).items()}
    out.current = render_current(published, titles, today)
    return out


def decorate(src_uri: str, markdown: str, result: Build) -> str | None:
    """A talk page gets its dates; the home page gets the current cohort; else None."""
    parts = src_uri.split("/")
    if len(parts) == 3 and parts[0] == "talks" and parts[2] == "index.md" and parts[1] in result.talk_dates:
        return markdown.rstrip("\n") + "\n\n" + result.talk_dates[parts[1]]
    if src_uri == "index.md" and MARKER in markdown:
        return "\n".join(result.current.rstrip("\n") if line.strip() == MARKER else line for line in markdown.split("\n"))
    return None
