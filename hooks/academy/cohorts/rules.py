"""The rules of one cohort file: every problem located at the line of the faulty key.

``parse_cohort`` reads the YAML (``academy.yamlpos``), validates it against the schema
(``schema.py``), then applies the rules that span the file: sessions, talks, mentors,
duplicates, the cohort's year, and a scan of the raw text for contact data.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from academy import textfile, yamlpos
from academy.cohorts.schema import ID, Cohort, CohortData
from academy.problems import Problem

SESSIONS = 6
_WEB = re.compile(r"https?://\S+")
# E-mail addresses as people write them: « a@b.fr », « a @ b.fr », « a (at) b.fr », « a [at] b [dot] fr »,
# « a at b dot fr », « a arobase b point fr ».
_AT = r"(?:\s*[@＠]\s*|\s*[\[({<]\s*(?:at|arobase|chez|@)\s*[\])}>]\s*|\s+(?:at|arobase)\s+)"
_DOT = r"(?:\.|\s*[\[({<]\s*(?:dot|point|\.)\s*[\])}>]\s*|\s+(?:dot|point)\s+)"
_EMAIL = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,6}}\b", re.IGNORECASE)
# Phone numbers: French ones with any separators (« 06 12 34 56 78 », « 06.12.34.56.78 », « 0612345678 »),
# international ones (« +33 6 12 34 56 78 », « +33 (0)6… », « 0033 6… », « +32 470 12 34 56 »).
_SEP = r"[ \u00a0.\-/]{0,2}"
_PHONE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)[1-9]\d{{0,2}}{_SEP}(?:\(0\){_SEP})?\d(?:{_SEP}\d){{7,10}}|0[1-9](?:{_SEP}\d){{8}})(?![\w])"
)
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
    "mentor-elsewhere": "« {mentor} » accompagne déjà « {other} » ({place}) — un mentor suit une seule association"
    " par promotion : retirez ce nom de l'une des deux",
    "year": "{year} alors que la première session a lieu en {first} — écrivez year: {first} ou corrigez les dates",
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
    if isinstance(node, CommentedMap | CommentedSeq):
        keys = list(node) if isinstance(node, CommentedMap) else range(len(node))
        # ruamel keeps no position for some keys (a tagged key such as « !!str number: »): use the parent's.
        items = [(key, (node.lc.data or {}).get(key, (node.lc.line or 0,))[0]) for key in keys]
    else:
        return
    for key, line in items:
        yield line + 1, (*loc, key)
        yield from _locations(node[key], (*loc, key))


def check_contact(text: str, report: _Report) -> None:
    """Every e-mail address or phone number in the raw text, comments included."""
    located = sorted(_locations(report.raw), key=lambda item: item[0])
    for number, line in enumerate(textfile.split_lines(text), start=1):
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


def check_sessions(data: CohortData, report: _Report, talk_slugs: set[str]) -> None:
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


def check_mentors(data: CohortData, report: _Report) -> None:
    names = [volunteer.name for volunteer in data.volunteers]
    mentoring: dict[str, int] = {}  # mentor -> the association they already follow
    for index, association in enumerate(data.associations):
        here, mentors = ("associations", index, "mentors"), association.mentors
        if not 2 <= len(mentors) <= 3:
            report(here, "cohort-mentors", "mentor-count", n=len(mentors), name=association.name)
        for position, mentor in enumerate(mentors):
            if mentor in mentors[:position]:
                report((*here, position), "cohort-mentors", "mentor-twice", mentor=mentor, name=association.name)
            elif mentor not in names:
                report((*here, position), "cohort-mentors", "mentor-unknown", mentor=mentor, hint=_hint(mentor, names))
            elif mentoring.get(mentor, index) != index:
                other = mentoring[mentor]
                report((*here, position), "cohort-mentors", "mentor-elsewhere", mentor=mentor,
                       other=data.associations[other].name, place=f"associations[{other}]")
            mentoring.setdefault(mentor, index)
    for index, volunteer in enumerate(data.volunteers):
        if volunteer.role == "mentor" and volunteer.name not in mentoring:
            report(("volunteers", index, "name"), "cohort-mentors", "idle", name=volunteer.name)


def check_year(data: CohortData, report: _Report) -> None:
    """The cohort's year is the year of its first session (an autumn cohort may end the next year)."""
    first = data.sessions[0].date.year
    if data.year != first:
        report(("year",), "cohort-year", "year", year=data.year, first=first)


def check_duplicates(data: CohortData, report: _Report) -> None:
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
        check_contact(text, report)
        return None, sorted(report.problems)
    report = _Report(rel, raw)
    check_contact(text, report)
    cohort_id = Path(rel).stem
    if not ID.match(cohort_id):
        report.at(1, 1, "(fichier)", "cohort-schema", "file-name", name=Path(rel).name)
    data, found = yamlpos.validate(CohortData, raw, rel, rule="cohort-schema")
    if data is None:
        return None, sorted(report.problems + found)
    check_sessions(data, report, talk_slugs)
    check_mentors(data, report)
    check_duplicates(data, report)
    check_year(data, report)
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

