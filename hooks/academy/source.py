"""Read an author's page into what the checks need, each item with its place in the file.

A page (Markdown file, notebook Markdown cell, static HTML file) becomes a ``Page``: its
headings with the anchors Python-Markdown's ``toc`` gives them, its links and images
(Markdown or raw HTML), the ids others may link to, its readers' prose, and the lines to
scan for leftover placeholders (``academy.parsed``). markdown-it reads the Markdown; the
pymdownx blocks it does not know (admonitions, collapsible notes, content tabs,
``<div markdown>``) are first turned into plain Markdown line by line, so every line keeps its
number (``academy.blocks``); links and ids written as raw HTML are read by ``academy.rawhtml``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import unquote

import yaml

from academy import frontmatter, textfile
from academy.blocks import flatten
from academy.parsed import Heading, Link, Page, Prose, Segment, Text, words
from academy.problems import Problem
from academy.rawhtml import scan_html
from academy.textfile import position, split_lines

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# Page front matter is read the way MkDocs reads it: PyYAML, with its fast C loader when present.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<body>[#.][^{}\n]*|[^{}\n]*=[^{}\n]*|[a-z][\w-]*[ \t]*)\}")
_ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[^\s#.}]+)")
_HEADING_ATTRS = re.compile(r"\s*\{:?(?P<body>[^{}]*)\}\s*$")


@cache
def _parser() -> MarkdownIt:
    # Imported here: a check of an unchanged repository reads its pages from the cache (0.2 s of imports).
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("commonmark", {"html": True}).enable("table").use(footnote_plugin).use(deflist_plugin)
    # markdown-it drops javascript: and data: links; Python-Markdown publishes them: see them, to refuse them.
    parser.validateLink = lambda url: True
    # Its normalisation rewrites some addresses (« https://[à-remplir]/ » loses its brackets): keep them as written.
    parser.normalizeLink = lambda url: url
    return parser


def _blank_code_spans(line: str) -> str:
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


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
    text = words(text)
    if explicit:
        used.add(explicit)
        return text, explicit
    from markdown.extensions.toc import slugify, unique  # here, like the parser (_parser)

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
                page.prose.append(Prose(place(start, 0)[0], words(_ATTR_LIST.sub("", _inline_text(children))), lines))
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
            page.links.append(Link(href, words(_ATTR_LIST.sub("", "".join(parts))), file_line, file_col, where=where))
        elif child.type == "image":
            src = unquote(str(child.attrs.get("src", "")))
            line, col = locator.find((f"]({src}", 2), (src, 0))
            file_line, file_col = place(line, col)
            alt = words(child.content)
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
