"""Plain-language measures of a page, against the targets of WRITING.md.

Counted: the readers' prose (paragraphs, list items, quotes, definitions, footnotes), not
headings, tables, code, raw HTML or the presenter notes (``??? intervenant``). A word is a
run of letters, apostrophes and hyphens included (« l'association », « c'est-à-dire »), or a
number. Sentences end at « . ! ? … » followed by a capital or a digit, and at the end of
each paragraph or list item. The results are advice: shown, never a failure.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from academy.problems import Problem, Severity
from academy.source import Page

MEDIAN_MAX = 18
LONG = 25  # words: a sentence longer than this is hard to follow on first reading
LONG_SHARE_MAX = 0.10
TALK_WORDS_MIN = 1800
MIN_SENTENCES = 5  # below this, a page is too short for its median to mean anything

_WORD = re.compile(r"\d+(?:[\u00a0\u202f]\d{3})*(?:[.,]\d+)?|[^\W\d_]+(?:['’-][^\W\d_]+)*")
_END = re.compile(r"(?<=[.!?…])[»\"”)\]]*\s+(?=[«\"“(\[]?\s*[A-ZÀ-ÖØ-Þ0-9])")
_ABBREVIATIONS = {"m", "mme", "mmes", "mlle", "p", "ex", "cf", "art", "env", "n°", "dr", "st", "ste", "vs"}


@dataclass(frozen=True)
class Stats:
    path: str
    words: int
    sentences: tuple[int, ...]  # words per sentence
    long: tuple[tuple[int, int], ...]  # (line, words) of each sentence over LONG words

    @property
    def median(self) -> float:
        return statistics.median(self.sentences) if self.sentences else 0.0

    @property
    def mean(self) -> float:
        return statistics.fmean(self.sentences) if self.sentences else 0.0

    @property
    def long_share(self) -> float:
        return len(self.long) / len(self.sentences) if self.sentences else 0.0


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _abbreviated(piece: str) -> bool:
    """The piece ends with « M. », « p. ex. » or an initial (« Camille R. »), not a sentence."""
    last = piece.rsplit(None, 1)[-1] if piece.strip() else ""
    stem = last.rstrip(".").casefold()
    return last.endswith(".") and (stem in _ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()))


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences."""
    out: list[str] = []
    for piece in _END.split(text.strip()):
        if out and _abbreviated(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return [s.strip() for s in out if words(s)]


def _percent(share: float) -> str:
    return f"{round(share * 100)}\u00a0%"


def measure(page: Page) -> Stats:
    counts: list[int] = []
    long: list[tuple[int, int]] = []
    for block in page.prose:
        for sentence in sentences(block.text):
            count = len(words(sentence))
            counts.append(count)
            if count > LONG:
                long.append((block.line, count))
    return Stats(page.path, sum(counts), tuple(counts), tuple(long))


def advice(stats: Stats, *, talk: bool = False, first_line: int = 1) -> list[Problem]:
    """What misses the targets, as ADVICE problems (never errors)."""
    problems = []

    def add(line: int, message: str) -> None:
        problems.append(Problem(stats.path, line, 1, message, "plain-language", Severity.ADVICE))

    if len(stats.sentences) >= MIN_SENTENCES and stats.median > MEDIAN_MAX:
        add(first_line, f"phrases longues : médiane de {stats.median:g} mots par phrase, la cible est {MEDIAN_MAX} au plus — coupez les phrases en deux, une idée par phrase")
    if len(stats.sentences) >= MIN_SENTENCES and stats.long_share >= LONG_SHARE_MAX:
        lines = ", ".join(str(line) for line, _ in stats.long[:5]) + (" …" if len(stats.long) > 5 else "")
        add(stats.long[0][0], f"{len(stats.long)} phrases sur {len(stats.sentences)} ({_percent(stats.long_share)}) dépassent {LONG} mots, la cible est moins de {_percent(LONG_SHARE_MAX)} — coupez-les, en commençant par les lignes {lines}")
    if talk and stats.words < TALK_WORDS_MIN:
        add(first_line, f"{stats.words} mots pour le lecteur (notes pour l'intervenant non comptées), un talk en compte au moins {TALK_WORDS_MIN} — développez les notions clés et l'exemple suivi")
    return problems


def summary(all_stats: list[Stats]) -> str:
    """A Markdown table of the measures of each page, for a report."""
    rows = [
        "| Page | Mots | Phrases | Médiane | Moyenne | Plus de 25 mots |",
        "| :-- | --: | --: | --: | --: | --: |",
    ]
    for stats in sorted(all_stats, key=lambda s: s.path):
        rows.append(f"| {stats.path} | {stats.words} | {len(stats.sentences)} | {stats.median:g} | {stats.mean:.1f} | {len(stats.long)} ({_percent(stats.long_share)}) |")
    return "\n".join(rows) + "\n"
