"""A page as the checks read it: its headings, links, ids, prose and lines, each with its place.

``academy.source`` fills a ``Page`` from a Markdown or HTML file, ``academy.notebooks`` from a
notebook's cells; the rules read it and never the file again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from academy.problems import Problem


@dataclass(frozen=True)
class Link:
    target: str  # href or src as written (percent-decoded)
    text: str  # link text, or an image's alternative text
    line: int
    col: int
    image: bool = False
    html: bool = False  # raw HTML: relative to the page's URL, not to its source file
    alt: str | None = None  # images only: None when the alt attribute is missing
    where: str = ""  # "cellule 3 : " for a notebook cell


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int
    col: int
    where: str = ""


@dataclass(frozen=True)
class Prose:
    line: int
    text: str  # one paragraph, list item or definition of readers' text
    source: tuple[tuple[int, str], ...] = ()  # (file line, Markdown) of each line of the block


@dataclass(frozen=True)
class Text:
    line: int
    col: int  # column of the first character of ``text`` (1-based)
    text: str  # one line, with code blanked out
    where: str = ""
    exact: bool = True  # False when the line's place in the file is not known (a notebook cell's key)

    def column(self, index: int) -> int:
        """The file column of the character at ``index`` in ``text``."""
        return self.col + index if self.exact else self.col


@dataclass
class Page:
    path: str  # relative to the repository root, for messages
    uri: str  # path in the merged site tree (talks/x/index.md, guides/y.md, ...)
    meta: dict | None = None
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    prose: list[Prose] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notebook: bool = False
    readable: bool = True  # False when the file could not be read at all (its ids are unknown, not empty)

    @property
    def title(self) -> str | None:
        value = (self.meta or {}).get("title")
        return value if isinstance(value, str) and value.strip() else None


@dataclass(frozen=True)
class Segment:
    """Markdown lines and, for each, its (1-based line, column offset) in the file."""

    lines: list[str]
    places: list[tuple[int, int]]
    where: str = ""


def words(text: str) -> str:
    """``text`` with every run of white space made one space, as a reader sees it."""
    return " ".join(text.split())
