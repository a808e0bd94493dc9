"""Read an author's page into what the checks need, each item with its place in the file.

A page (Markdown file, notebook Markdown cell, static HTML file) becomes a ``Page``: its
headings with the anchors Python-Markdown's ``toc`` gives them, its links and images
(Markdown or raw HTML), the ids others may link to, its readers' prose, and the lines to
scan for leftover placeholders. markdown-it reads the Markdown; the pymdownx blocks it does
not know (admonitions, collapsible notes, content tabs, ``<div markdown>``) are first turned
into plain Markdown line by line, so every line keeps its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from urllib.parse import unquote

import yaml
from markdown.extensions.toc import slugify, unique
from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from academy import frontmatter, textfile
from academy.problems import Problem
from academy.textfile import position, split_lines

# Page front matter is read the way MkDocs reads it: PyYAML, with its fast C loader when present.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

NOTE_TYPE = "intervenant"  # presenter notes: not readers' prose
_BLOCK = re.compile(r"^(?P<indent> *)(?:!!!|\?\?\?\+?|===[!+]{0,2})[ \t]+(?P<rest>\S.*)$")
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})")
_MD_IN_HTML = re.compile(r"^\s*<(?P<tag>[a-zA-Z][\w-]*)\b[^>]*\smarkdown(?:=[\"']?\w*[\"']?)?[^>]*>\s*$")
_ABBR = re.compile(r"^\s*\*\[[^\]]+\]:")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<body>[#.][^{}\n]*|[^{}\n]*=[^{}\n]*|[a-z][\w-]*[ \t]*)\}")
_ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[^\s#.}]+)")
_HEADING_ATTRS = re.compile(r"\s*\{:?(?P<body>[^{}]*)\}\s*$")


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


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True}).enable("table").use(footnote_plugin).use(deflist_plugin)
    # markdown-it drops javascript: and data: links; Python-Markdown publishes them: see them, to refuse them.
    parser.validateLink = lambda url: True
    return parser


# --- Blocks markdown-it does not know ------------------------------------------------------


@dataclass
class _Flat:
    lines: list[str]
    shift: list[int]  # spaces removed at the start of each line
    notes: set[int]  # indices of lines inside presenter notes
    html: list[tuple[int, str]]  # (index, line) of <div markdown> tags taken out


def flatten(lines: list[str]) -> _Flat:
    """Admonitions, details and tabs become their bodies, dedented; marker lines become blank."""
    out, shift, notes, html = [], [], set(), []
    stack: list[tuple[int, bool]] = []  # (indent of the marker, inside presenter notes)
    fence: str | None = None
    open_tags: list[str] = []
    for index, raw in enumerate(lines):
        line = raw.expandtabs(4).rstrip("\r\n")
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped:
            out.append("")
            shift.append(0)
            if stack and stack[-1][1]:
                notes.add(index)
            continue
        while stack and indent < stack[-1][0] + 4:
            stack.pop()
        removed = 4 * len(stack)
        body = line[removed:]
        if stack and stack[-1][1]:
            notes.add(index)
        if fence is not None:
            if body.lstrip().startswith(fence) and not body.lstrip().strip(fence[0]):
                fence = None
        elif match := _FENCE.match(body.lstrip()):
            fence = match["fence"]
        elif match := _BLOCK.match(line):
            words = (match["rest"] or "").split('"', 1)[0].split()
            note = (bool(stack) and stack[-1][1]) or NOTE_TYPE in words
            stack.append((indent, note))
            if note:
                notes.add(index)
            out.append("")
            shift.append(0)
            continue
        elif (match := _MD_IN_HTML.match(body)) or (open_tags and body.strip() == f"</{open_tags[-1]}>"):
            if match:
                open_tags.append(match["tag"])
            else:
                open_tags.pop()
            html.append((index, body))
            out.append("")
            shift.append(removed)
            continue
        elif _ABBR.match(body):
            body = ""
        out.append(body)
        shift.append(removed)
    return _Flat(out, shift, notes, html)


# --- Raw HTML ---------------------------------------------------------------------------------


class _HtmlScan(HTMLParser):
    """Links, images and ids of raw HTML, with positions relative to the text fed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None], int, int]] = []  # (tag, attrs, line, col)
        self.ids: set[str] = set()
        self.texts: list[list[str]] = []  # text of each <a> found, in order
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        line, col = self.getpos()
        if tag == "a" and "href" in values:
            self.found.append((tag, values, line, col))
            self.texts.append([])
            self._open.append(len(self.texts) - 1)
        elif tag == "img":
            self.found.append((tag, values, line, col))
            self.texts.append([str(values.get("alt") or "")])
            if self._open:
                self.texts[self._open[-1]].append(str(values.get("alt") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts[self._open[-1]].append(data)


def _blank_code_spans(line: str) -> str:
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def _words(text: str) -> str:
    return " ".join(text.split())


def scan_html(text: str, segment: Segment, page: Page, first: int = 0) -> None:
    """Raw HTML links and ids of ``text``, whose first line is line ``first`` of the segment."""
    scan = _HtmlScan()
    try:
        scan.feed(text.replace("<![", "< ["))  # CDATA-like sections make the stdlib parser assert
        scan.close()
    except AssertionError:  # html.parser gives up on some malformed declarations: keep what it read
        pass
    page.ids |= scan.ids
    for (tag, attrs, line, col), parts in zip(scan.found, scan.texts, strict=True):
        index = min(first + line - 1, len(segment.places) - 1)
        file_line, offset = segment.places[index]
        target = unquote(str(attrs.get("href" if tag == "a" else "src") or ""))
        alt = attrs.get("alt")
        if tag == "img" and not alt and (attrs.get("aria-hidden") == "true" or attrs.get("role") == "presentation"):
            alt = "(image décorative)"  # RGAA: a decorative image is hidden from screen readers
        page.links.append(Link(target, _words("".join(parts)), file_line, offset + col + 1, image=tag == "img",
                               html=True, alt=None if alt is None else str(alt), where=segment.where))


# --- Markdown ---------------------------------------------------------------------------------


class _Locator:
    """Finds successive links in a block's lines, to give each its line and column."""

    def __init__(self, lines: list[str], start: int, end: int) -> None:
        self.lines, self.start, self.end = lines, start, end
        self.line, self.col = start, 0

    def find(self, *needles: tuple[str, int]) -> tuple[int, int]:
        """(index, column) of the first needle found after the previous find, plus its skip."""
        for needle, skip in needles:
            if not needle:
                continue
            line, col = self.line, self.col
            while line < self.end:
                at = self.lines[line].find(needle, col)
                if at >= 0:
                    self.line, self.col = line, at + len(needle)
                    return line, at + skip
                line, col = line + 1, 0
        return self.start, 0


def _inline_text(children: list, *, images: bool = True) -> str:
    """The text a reader sees; images count by their alternative text unless ``images`` is off."""
    out = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image" and images:
            out.append(child.content)
    return "".join(out)


def heading_anchor(text: str, used: set[str]) -> tuple[str, str]:
    """(visible text, id) of a heading's inline text, as Python-Markdown's ``toc`` makes it."""
    explicit = None
    if match := _HEADING_ATTRS.search(text):
        if ids := _ATTR_ID.findall(match["body"]):
            explicit = ids[-1]
        text = text[: match.start()]
    text = _words(text)
    if explicit:
        used.add(explicit)
        return text, explicit
    return text, unique(slugify(text, "-"), used)


def read_segment(segment: Segment, page: Page, *, used_ids: set[str]) -> None:
    """Add one segment's headings, links, ids, prose and text lines to ``page``."""
    flat = flatten(segment.lines)
    tokens = _parser().parse("\n".join(flat.lines) + "\n")
    in_code = {i for t in tokens if t.type in ("fence", "code_block") and t.map for i in range(*t.map)}
    visible = ["" if i in in_code else _blank_code_spans(line) for i, line in enumerate(flat.lines)]
    places = [(segment.places[i][0], segment.places[i][1] + flat.shift[i]) for i in range(len(flat.lines))]
    shown = Segment(visible, places, segment.where)

    def place(index: int, col: int) -> tuple[int, int]:
        line, offset = places[min(index, len(places) - 1)]
        return line, offset + col + 1

    # Explicit ids first: the toc numbers a heading « x_1 » when « x » is already taken.
    for line in visible:
        for match in _ATTR_LIST.finditer(line):
            page.ids.update(_ATTR_ID.findall(match["body"]))
    used_ids |= page.ids
    for index, line in flat.html:
        scan_html(line, shown, page, first=index)
    scan_html("\n".join(visible), shown, page)

    in_cell = 0
    heading: int | None = None
    for token in tokens:
        if token.type in ("th_open", "td_open"):
            in_cell += 1
        elif token.type in ("th_close", "td_close"):
            in_cell -= 1
        elif token.type == "heading_open":
            heading = int(token.tag[1])
        elif token.type == "inline" and token.map:
            start, end = token.map
            children = token.children or []
            if heading is not None:
                text, anchor = heading_anchor(_inline_text(children, images=False), used_ids)
                page.ids.add(anchor)
                line, col = place(start, len(flat.lines[start]) - len(flat.lines[start].lstrip()))
                page.headings.append(Heading(heading, text, anchor, line, col, segment.where))
                heading = None
            elif not in_cell and start not in flat.notes:
                rows = range(start, min(max(end, start + 1), len(flat.lines)))
                lines = tuple((place(i, 0)[0], flat.lines[i]) for i in rows)
                page.prose.append(Prose(place(start, 0)[0], _words(_ATTR_LIST.sub("", _inline_text(children))), lines))
            _links(children, _Locator(flat.lines, start, end), place, page, segment.where)
    for index, line in enumerate(visible):
        if line.strip():
            file_line, col = place(index, 0)
            page.texts.append(Text(file_line, col, line, segment.where))


def _links(children: list, locator: _Locator, place, page: Page, where: str) -> None:
    stack: list[tuple[str, int, int, list[str]]] = []
    for child in children:
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            target = unquote(href)
            needles = ((f"]({target}", 2), (f"]({href}", 2), (f"]( {target}", 3), (f"<{target}>", 1), (target, 0))
            line, col = locator.find(*needles)
            stack.append((target, line, col, []))
        elif child.type == "link_close" and stack:
            href, line, col, parts = stack.pop()
            file_line, file_col = place(line, col)
            page.links.append(Link(href, _words(_ATTR_LIST.sub("", "".join(parts))), file_line, file_col, where=where))
        elif child.type == "image":
            src = unquote(str(child.attrs.get("src", "")))
            line, col = locator.find((f"]({src}", 2), (src, 0))
            file_line, file_col = place(line, col)
            alt = _words(child.content)
            page.links.append(Link(src, alt, file_line, file_col, image=True, alt=alt, where=where))
            if stack:
                stack[-1][3].append(alt)
        elif child.type in ("text", "code_inline") and stack:
            stack[-1][3].append(child.content)
        elif child.type in ("softbreak", "hardbreak") and stack:
            stack[-1][3].append(" ")


def read_markdown(text: str, path: str, uri: str) -> Page:
    """A Markdown page: front matter, then the body."""
    page = Page(path, uri, problems=[] if text.strip() else [textfile.empty(path)])
    doc = frontmatter.split(text)
    if doc.meta_text.strip():
        try:
            meta = yaml.load(doc.meta_text, Loader=_Loader)
            page.meta = meta if isinstance(meta, dict) else None
        except (yaml.YAMLError, ValueError, TypeError) as error:  # ValueError: a date such as 2020-13-05
            mark = getattr(error, "problem_mark", None)
            index = mark.index if mark else getattr(error, "position", 0)
            line, col = position(doc.meta_text, index)
            line += doc.meta_line - 1
            reason = getattr(error, "problem", None) or (str(error) if isinstance(error, ValueError) else "caractère interdit")
            message = f"en-tête YAML illisible ({reason}) — vérifiez l'indentation et les « : »"
            page.problems.append(Problem(path, line, col, message, "front-matter"))
        for number, line in enumerate(split_lines(doc.meta_text), start=doc.meta_line):
            page.texts.append(Text(number, 1, line))
    body = split_lines(doc.body)
    read_segment(Segment(body, [(doc.body_line + i, 0) for i in range(len(body))]), page, used_ids=set())
    return page


def read_html(text: str, path: str, uri: str) -> Page:
    """A static HTML file: its links are relative to its own URL."""
    page = Page(path, uri, problems=[] if text.strip() else [textfile.empty(path)])
    lines = split_lines(text)
    segment = Segment(lines, [(i + 1, 0) for i in range(len(lines))])
    scan_html(text, segment, page)
    page.texts = [Text(i + 1, 1, line) for i, line in enumerate(lines)]
    return page
