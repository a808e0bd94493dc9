"""Plain-language measures of a page, against the targets of docs/guides/ecrire-clair.md.

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

from academy.parsed import Page, Prose
from academy.problems import Problem, Severity

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


def _number(value: int) -> str:
    """« 1 800 », with a non-breaking space between thousands."""
    return f"{value:,}".replace(",", "\u00a0")


def _percent(share: float) -> str:
    return f"{round(share * 100)}\u00a0%"


def _lines(block: Prose, found: list[str]) -> list[int]:
    """The file line where each sentence starts, found by its first words in the block's source."""
    out, at = [], 0
    for sentence in found:
        start = words(sentence)[:2]
        for index in range(at, len(block.source)):
            if all(word in block.source[index][1] for word in start):
                at = index
                break
        out.append(block.source[at][0] if block.source else block.line)
    return out


def measure(page: Page) -> Stats:
    counts: list[int] = []
    long: list[tuple[int, int]] = []
    for block in page.prose:
        found = sentences(block.text)
        for sentence, line in zip(found, _lines(block, found), strict=True):
            count = len(words(sentence))
            counts.append(count)
            if count > LONG:
                long.append((line, count))
    return Stats(page.path, sum(counts), tuple(counts), tuple(long))


def advice(stats: Stats, *, talk: bool = False, first_line: int = 1) -> list[Problem]:
    """What misses the targets, as ADVICE problems (never errors)."""
    problems = []

    def add(line: int, message: str) -> None:
        problems.append(Problem(stats.path, line, 1, message, "plain-language", Severity.ADVICE))

    if len(stats.sentences) >= MIN_SENTENCES and stats.median > MEDIAN_MAX:
        add(first_line, f"phrases longues : médiane de {stats.median:g} mots par phrase, "
                        f"la cible est {MEDIAN_MAX} au plus — coupez les phrases en deux, une idée par phrase")
    if len(stats.sentences) >= MIN_SENTENCES and stats.long_share >= LONG_SHARE_MAX:
        where = list(dict.fromkeys(line for line, _ in stats.long))
        lines = ", ".join(str(line) for line in where[:5]) + (" …" if len(where) > 5 else "")
        lines = ("la ligne " if len(where) == 1 else "les lignes ") + lines
        add(stats.long[0][0], f"{len(stats.long)} phrases sur {len(stats.sentences)} ({_percent(stats.long_share)}) "
                              f"dépassent {LONG} mots, la cible est moins de {_percent(LONG_SHARE_MAX)} — "
                              f"coupez-les, en commençant par {lines}")
    if talk and stats.words < TALK_WORDS_MIN:
        add(first_line, f"{_number(stats.words)} mots pour le lecteur (notes pour l'intervenant non comptées), "
                        f"un talk en compte au moins {_number(TALK_WORDS_MIN)} — "
                        "développez les notions clés et l'exemple suivi")
    return problems


def summary(all_stats: list[Stats]) -> str:
    """A Markdown table of the measures of each page, for a report."""
    rows = [
        "| Page | Mots | Phrases | Médiane | Moyenne | Plus de 25 mots |",
        "| :-- | --: | --: | --: | --: | --: |",
    ]
    for stats in sorted(all_stats, key=lambda s: s.path):
        share = f"{len(stats.long)} ({_percent(stats.long_share)})"
        cells = [stats.path, stats.words, len(stats.sentences), f"{stats.median:g}", f"{stats.mean:.1f}", share]
        rows.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    return "\n".join(rows) + "\n"
