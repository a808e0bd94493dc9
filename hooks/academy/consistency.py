"""One story across pages: rules that keep the site's advice and schedule consistent.

* ``date-format``: the site gives one piece of advice on writing dates. In a spreadsheet,
  AAAA-MM-JJ (``2024-03-15``, see the guide « Préparer un tableur propre »); in running
  text, the date in full (« 15 mars 2024 »). A page that shows or advises the JJ/MM/AAAA
  form (``15/03/2024``) contradicts it.
* ``session-duration``: a cohort's session lasts at least as long as its talk's
  ``duration`` (front matter), unless the talk declares ``split: true`` (it is given over
  several sessions and says how in its notes).
* ``real-name``: fictional associations, companies and people must not look like a real
  organisation. ``NAMES_FILE`` lists the names to avoid, each with the reason.

Pure functions: text and data in, ``Problem`` out. Nothing here imports MkDocs.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import yaml

from academy import yamlpos
from academy.parsed import Page
from academy.problems import Problem

DATE_RULE = "date-format"
SESSION_RULE = "session-duration"
NAME_RULE = "real-name"
NAMES_FILE = Path(__file__).with_name("noms-a-eviter.yml")

_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"]
# 15/03/2024, 15.03.2024, 15-03-2024, 15/03/24; and the format's own name, « JJ/MM/AAAA ».
_NUMERIC_DATE = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|\.\d)")
_FORMAT_NAME = re.compile(r"\bJJ[/.-]MM[/.-]AA(?:AA)?\b", re.IGNORECASE)


# --- date-format ----------------------------------------------------------------------------


def _suggestion(day: int, month: int, year: int) -> str:
    if year < 100:
        year += 2000
    try:
        date(year, month, day)
    except ValueError:
        return "écrivez la date au format AAAA-MM-JJ dans un tableur, ou en toutes lettres dans le texte"
    full = f"{'1er' if day == 1 else day} {_MONTHS[month - 1]} {year}"
    return f"écrivez « {year:04d}-{month:02d}-{day:02d} » dans un tableur (AAAA-MM-JJ), ou « {full} » dans le texte"


def check_date_format(page: Page) -> list[Problem]:
    """Every date written, or advised, as JJ/MM/AAAA in the page's text (code is not text)."""
    problems = []
    for text in page.texts:
        for match in _NUMERIC_DATE.finditer(text.text):
            day, month, year = int(match[1]), int(match[3]), int(match[4])
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            message = (f"date « {match[0]} » au format JJ/MM/AAAA, contraire au conseil du site — "
                       f"{_suggestion(day, month, year)}")
            problems.append(Problem(page.path, text.line, text.col + match.start(), text.where + message, DATE_RULE))
        for match in _FORMAT_NAME.finditer(text.text):
            message = (f"format « {match[0]} » contraire au conseil du site — conseillez AAAA-MM-JJ dans les tableurs "
                       "(guide « Préparer un tableur propre ») et la date en toutes lettres dans le texte")
            problems.append(Problem(page.path, text.line, text.col + match.start(), text.where + message, DATE_RULE))
    return problems


# --- session-duration -----------------------------------------------------------------------


@dataclass(frozen=True)
class TalkLength:
    minutes: int  # front matter ``duration``
    split: bool = False  # front matter ``split``: given over several sessions


def _minutes(start: time, end: time) -> int:
    day = date(2000, 1, 1)
    return int((datetime.combine(day, end) - datetime.combine(day, start)).total_seconds() // 60)


def check_session_durations(rel: str, text: str, sessions: Sequence[Any], talks: Mapping[str, TalkLength]) -> list[Problem]:
    """Each session of the cohort file ``rel`` (its ``text``, its validated ``sessions``) holds its talk.

    ``sessions`` items have ``start``, ``end`` (``datetime.time``) and ``talk`` (a talk folder);
    ``talks`` maps a talk folder to its length. Unknown talks are the cohort rules' business.
    """
    raw = yamlpos.load(text)
    problems = []
    for index, session in enumerate(sessions):
        talk = talks.get(session.talk)
        if talk is None or talk.split or session.end <= session.start:
            continue
        length = _minutes(session.start, session.end)
        if length >= talk.minutes:
            continue
        line, col = yamlpos.position(raw, ("sessions", index, "end"))
        message = (f"sessions[{index}].end: la session {index + 1} dure {length} minutes, mais le talk "
                   f"« {session.talk} » en demande {talk.minutes} (duration) — finissez la session plus tard, "
                   "ou écrivez « split: true » dans le talk s'il se donne en plusieurs fois")
        problems.append(Problem(rel, line, col, message, SESSION_RULE))
    return problems


# --- real-name ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Avoided:
    name: str  # as an organisation writes it, e.g. « Eau Vive »
    reason: str  # who really bears that name


def load_names(text: str) -> list[Avoided]:
    """The names to avoid (``noms-a-eviter.yml``: a list of ``{nom, pourquoi}``)."""
    return [Avoided(str(item["nom"]), str(item["pourquoi"])) for item in yaml.safe_load(text) or []]


def _fold(text: str) -> str:
    """Lower case, no accents, curly apostrophes straight: « Écrit » and « ecrit » compare equal."""
    if text.isascii():  # nothing to decompose (most lines)
        return text.casefold()
    decomposed = unicodedata.normalize("NFD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.cache  # one pattern per name, not one per name and per line (25 s of a build)
def _pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in _fold(name).split()]
    return re.compile(r"(?<!\w)" + r"[\s\u00a0-]+".join(words) + r"(?!\w)")


@functools.cache
def _first_word(name: str) -> str:
    return _fold(name).split()[0] if name.split() else ""


def find_names(line: str, names: Iterable[Avoided]) -> list[tuple[int, Avoided, str]]:
    """(0-based column, name, text found) of each name to avoid written as a name (capital first)."""
    folded = _fold(line)
    found = []
    if len(folded) != len(line):  # a character that folds to several: compare on the original
        folded = line.casefold()
    # A name's pattern starts with its first word: most lines hold none, and « in » says so 100x faster.
    names = [avoided for avoided in names if _first_word(avoided.name) in folded]
    for avoided in names:
        for match in _pattern(avoided.name).finditer(folded):
            written = line[match.start():match.end()]
            if written[:1].isupper():
                found.append((match.start(), avoided, written))
    return sorted(found, key=lambda item: item[0])


def _name_message(avoided: Avoided, written: str) -> str:
    return (f"« {written} » ressemble au nom d'une organisation réelle ({avoided.reason}) — "
            "donnez à l'exemple un nom clairement inventé (liste : hooks/academy/noms-a-eviter.yml)")


def check_real_names(page: Page, names: Sequence[Avoided]) -> list[Problem]:
    """Names to avoid in a page's text."""
    return [Problem(page.path, text.line, text.col + col, text.where + _name_message(avoided, written), NAME_RULE)
            for text in page.texts for col, avoided, written in find_names(text.text, names)]


def check_real_names_in_data(rel: str, text: str, names: Sequence[Avoided]) -> list[Problem]:
    """Names to avoid in a data file (a cohort's YAML), comments included."""
    return [Problem(rel, number, col + 1, _name_message(avoided, written), NAME_RULE)
            for number, line in enumerate(text.splitlines(), start=1)
            for col, avoided, written in find_names(line, names)]
