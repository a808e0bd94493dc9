"""The programme's own jargon, explained where a reader first meets it (``jargon`` in messages).

Four words come from the programme's English-speaking origins and mean nothing to most
association readers: « talk », « notebook », « playbook », and « cas d'usage data ». On every
page, the sentence of a word's first use, or the next one, explains it (« un talk, une courte
présentation sur un thème »): it holds one of the word's explaining nouns (« présentation »,
« exposé » ; « document », « carnet de calcul » ; « guide »).
« cas d'usage data » is never explained: the site says « cas d'usage ».

What is read: the page's text as readers see it, presenter notes and tables included; and
the presenter notes (``??? intervenant``) once more on their own, since the presenter window
shows them without the page. Not read: the front matter, the headings (a title names, the next
sentence explains), code, link addresses or HTML attributes. A notebook: its Markdown cells.
tests/test_consistency.py runs it over every page of the site, generated pages included (cohort
pages, the home page's block, each talk's dates, the notebook buttons), but one: the glossary.

The glossary page is where these words are defined, so « explained where a reader first meets
it » holds there in another form, checked by ``glossary_problems``: each word has its own entry,
whose definition holds one of its explaining nouns, and « cas d'usage data » appears nowhere.
The first-use rule itself does not fit that page: its entries are sorted alphabetically, so a
word shows up in an earlier entry before its own (« booléen » names the notebooks' tables
before the entry « notebook »), and explaining it again inside every entry would bloat the
definitions, which are also every page's tooltips. A reader of the glossary looks a word up:
its definition is its own entry, on the same page. It is not a registered
rule: test fixtures and authors' drafts use these words freely, and the writing guide
(docs/guides/ecrire-clair.md) asks for the explanation. A word between French quotes
(« talk ») names the word itself: it is not a use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from academy import glossary
from academy.parsed import Page
from academy.problems import Problem
from academy.source import read_markdown

RULE = "jargon"


@dataclass(frozen=True)
class Word:
    name: str
    pattern: re.Pattern[str]
    explained_by: tuple[str, ...]  # words that explain it, in its sentence or the next; () when it must be replaced
    example: str  # what to write


WORDS = (
    Word("talk", re.compile(r"\btalks?\b", re.I), ("présentation", "exposé"),
         "« un talk, une courte présentation sur un thème »"),
    Word("notebook", re.compile(r"\bnotebooks?\b", re.I), ("document", "carnet de calcul"),
         "« un notebook, un document qui mêle explications, calculs et graphiques »"),
    Word("playbook", re.compile(r"\bplaybooks?\b", re.I), ("guide",), "« le playbook, le guide pour lancer un programme »"),
    Word("cas d'usage data", re.compile(r"cas d['’]usage data\b", re.I), (), "« cas d'usage »"),
)
# Not read: link addresses, attribute lists, HTML tags and comments, bare addresses.
_HIDDEN = re.compile(r"\]\([^)]*\)|\{[^{}]*\}|<!--.*?-->|<[^>]+>|https?://\S+")
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


def _visible(text: str) -> str:
    """The line with what readers do not read as text blanked out (same length: columns hold)."""
    return _HIDDEN.sub(lambda m: " " * len(m[0]), text)


def _sentences(text: str, index: int) -> str:
    """The sentence of ``text`` around ``index`` and the next one (a table's cell stops them)."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, index)), default=0)
    start = max(start, text.rfind("|", 0, index) + 1)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, index)][:2]
    cell = text.find("|", index)
    stops = [p for p in (ends[-1] if ends else -1, cell) if p >= 0]
    return text[start:min(stops) if stops else len(text)]


def _lines(page: Page, source: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, text) of what readers read on the page."""
    if page.notebook:
        for block in page.prose:
            for line, text in block.source:
                yield line, 1, text
        return
    body = _body_start(source)
    headings = {h.line for h in page.headings}
    for text in page.texts:
        if text.line >= body and text.line not in headings and not text.text.lstrip().startswith("#"):
            yield text.line, text.col, text.text


def _body_start(source: str) -> int:
    """The first line after the front matter (1 when there is none)."""
    lines = source.splitlines()
    if lines and lines[0].strip() == "---":
        for number, line in enumerate(lines[1:], start=2):
            if line.strip() in ("---", "..."):
                return number + 1
    return 1


_NOTES = re.compile(r"^(?P<indent> *)\?\?\?\+?[ \t]+intervenant\b")


def _note_lines(source: str) -> set[int]:
    """The line numbers of the presenter notes' blocks (``??? intervenant "…"`` and its indented body)."""
    found: set[int] = set()
    indent = None
    for number, line in enumerate(source.splitlines(), start=1):
        if indent is not None and (not line.strip() or len(line) - len(line.lstrip()) > indent):
            found.add(number)
            continue
        indent = None
        if match := _NOTES.match(line):
            indent = len(match["indent"])
    return found


def _quoted(text: str, match: re.Match) -> bool:
    """« talk » between French quotes names the word itself (a guide about writing): not a use."""
    before, after = text[:match.start()].rstrip(" \u00a0\u202f"), text[match.end():].lstrip(" \u00a0\u202f")
    return before.endswith("«") and after.startswith("»")


def first_uses(page: Page, source: str) -> list[Problem]:
    """Each jargon word whose first use on the page, or in its presenter notes, is not explained."""
    lines = list(_lines(page, source))
    notes = _note_lines(source)
    found = _scan(page.path, lines) + _scan(page.path, [item for item in lines if item[0] in notes])
    return sorted(set(found))


def _scan(path: str, lines: list[tuple[int, int, str]]) -> list[Problem]:
    problems = []
    pending = list(WORDS)
    for line, col, raw in lines:
        text = _visible(raw)
        for word in list(pending):
            match = next((m for m in word.pattern.finditer(text) if not _quoted(text, m)), None)
            if not match:
                continue
            pending.remove(word)
            if any(noun in _sentences(text, match.start()).casefold() for noun in word.explained_by):
                continue
            todo = (f"expliquez-le dans la même phrase, par exemple {word.example}" if word.explained_by
                    else f"écrivez {word.example}")
            message = f"premier emploi de « {match[0]} » sans explication — {todo}"
            problems.append(Problem(path, line, col + match.start(), message, RULE))
        if not pending:
            break
    return problems


def check_markdown(markdown: str, path: str, uri: str) -> list[Problem]:
    """``first_uses`` of a Markdown text (a generated page, a template's output)."""
    return first_uses(read_markdown(markdown, path, uri), markdown)


def glossary_problems(text: str, path: str) -> list[Problem]:
    """The glossary (``docs/glossaire.yml``): each word has an entry that explains it; none uses « cas d'usage data »."""
    entries, _ = glossary.load(text, path)  # unreadable: the glossary rule says so
    by_term = {entry.term.casefold(): entry for entry in entries or ()}
    lines = text.splitlines()

    def line_of(term: str) -> int:
        pattern = re.compile(rf"^\s*-\s*term:\s*[\"']?{re.escape(term)}[\"']?\s*$", re.I)
        return next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), 1)

    problems = []
    for word in WORDS:
        if not word.explained_by:  # to be replaced: no entry may use it
            problems += [Problem(path, n, m.start() + 1, f"« {m[0]} » dans le glossaire — écrivez {word.example}", RULE)
                         for n, line in enumerate(lines, start=1) for m in word.pattern.finditer(line)]
        elif (entry := by_term.get(word.name)) is None:
            problems.append(Problem(path, 1, 1, f"pas d'entrée « {word.name} » dans le glossaire — ajoutez-en une qui"
                                                f" l'explique, par exemple {word.example}", RULE))
        elif not any(noun in entry.definition.casefold() for noun in word.explained_by):
            nouns = " ou ".join(f"« {noun} »" for noun in word.explained_by)
            problems.append(Problem(path, line_of(entry.term), 1, f"la définition de « {entry.term} » ne l'explique pas"
                                                                  f" — dites ce que c'est avec {nouns}", RULE))
    return problems
