"""Checks of the hand-written SVG figures (talks/*/*.svg, docs/**/*.svg).

Three rules, each a ``Problem`` at the exact line and column of the file:

- ``svg-parse``: the file is well-formed XML with an ``<svg>`` root;
- ``svg-number``: numeric attributes (coordinates, sizes, ``viewBox``, ``points``, ``d``,
  ``transform``...) hold plain ASCII only. A non-breaking space, as French text editors type
  before « : », makes the browser drop the whole attribute: a rotated label turns flat and is cut,
  an arrowhead vanishes;
- ``svg-text-overflow``: each ``<text>`` fits inside the figure and inside the rectangle that
  holds its anchor point. Widths are measured with DejaVu Sans (matplotlib's bundled font, wider
  than most sans-serif fonts), so a text that fits here fits in every browser.

Pure functions: text in, problems out; nothing here imports MkDocs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

from academy import cache
from academy.problems import Problem

FIGURE_GLOBS = ("talks/*/*.svg", "docs/**/*.svg")
NUMERIC_ATTRIBUTES = frozenset({
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy", "width", "height",
    "viewBox", "points", "d", "transform", "font-size", "stroke-width", "stroke-dasharray", "opacity",
    "fill-opacity", "stroke-opacity", "offset", "rotate", "textLength", "refX", "refY",
    "markerWidth", "markerHeight",
})
TOLERANCE = 1.0  # px: anti-aliasing and rounding
_ATTRIBUTE = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*')""")
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_ROTATE = re.compile(r"^\s*rotate\(\s*(-?[\d.]+)(?:[\s,]+(-?[\d.]+)[\s,]+(-?[\d.]+))?\s*\)\s*$")


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def inherited(self, name: str, default: str) -> str:
        node: Node | None = self
        while node is not None:
            if name in node.attrs:
                return node.attrs[name]
            node = node.parent
        return default

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)


def parse(text: str, rel: str) -> tuple[Node | None, list[Problem]]:
    """The element tree with positions (1-based line and column), or the parse problem."""
    parser = expat.ParserCreate()
    root: list[Node] = []
    stack: list[Node] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = Node(tag, attrs, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1, stack[-1] if stack else None)
        (stack[-1].children if stack else root).append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def data(chars: str) -> None:
        if stack:
            stack[-1].text += chars

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, data
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        message = (f"SVG mal formé à cet endroit (erreur XML : {expat.ErrorString(error.code)}) — vérifiez la balise :"
                   " un « & » s'écrit « &amp; », un « < » dans un texte « &lt; », et chaque balise se ferme")
        return None, [Problem(rel, error.lineno, error.offset + 1, message, "svg-parse")]
    if not root or root[0].tag.rsplit("}", 1)[-1] != "svg":
        return None, [Problem(rel, 1, 1, "le fichier ne commence pas par une balise <svg> — un fichier .svg doit contenir une figure SVG", "svg-parse")]
    return root[0], []


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_numbers(text: str, rel: str) -> list[Problem]:
    """Every character outside ASCII in a numeric attribute, at its own line and column."""
    problems = []
    for tag in _TAG.finditer(text):
        for attribute in _ATTRIBUTE.finditer(tag.group()):
            name, quoted = attribute.group(1), attribute.group(2)
            if name not in NUMERIC_ATTRIBUTES:
                continue
            value_start = tag.start() + attribute.start(2) + 1
            for index, char in enumerate(quoted[1:-1]):
                if char.isascii():
                    continue
                character = f"U+{ord(char):04X} {unicodedata.name(char, '').lower()}".strip()
                line, col = _position(text, value_start + index)
                message = (f"caractère non ASCII ({character}) dans l'attribut numérique « {name} » : le navigateur ignore tout l'attribut"
                           " — remplacez-le par une espace ordinaire ou supprimez-le")
                problems.append(Problem(rel, line, col, message, "svg-number"))
                break  # one message per attribute
    return problems


@lru_cache(maxsize=4)
def _font(bold: bool):
    import matplotlib  # the bundled DejaVu Sans: the same widths on every machine
    from fontTools.ttLib import TTFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    font = TTFont(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name, lazy=True)
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of ``text`` in DejaVu Sans at ``size`` px (no kerning: slightly wide)."""
    cmap, metrics, units = _font(bold)
    fallback = metrics[cmap[ord("M")]][0]
    total = sum(metrics[cmap[ord(c)]][0] if ord(c) in cmap else fallback for c in text)
    return total * size / units


def _number(value: str, default: float = 0.0) -> float:
    match = re.match(r"\s*(-?[\d.]+)", value or "")
    return float(match.group(1)) if match else default


def _rotate(box: tuple[float, float, float, float], transform: str) -> tuple[float, float, float, float] | None:
    """The box after ``rotate(a cx cy)``; None for any other (or an unreadable) transform."""
    match = _ROTATE.match(transform)
    if not match:
        return None
    angle = math.radians(float(match.group(1)))
    cx, cy = float(match.group(2) or 0), float(match.group(3) or 0)
    left, top, right, bottom = box
    points = []
    for x, y in ((left, top), (right, top), (left, bottom), (right, bottom)):
        dx, dy = x - cx, y - cy
        points.append((cx + dx * math.cos(angle) - dy * math.sin(angle), cy + dx * math.sin(angle) + dy * math.cos(angle)))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _walk(node: Node) -> Iterable[Node]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _has_transform(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if "transform" in parent.attrs:
            return True
        parent = parent.parent
    return False


def check_text_fits(root: Node, rel: str) -> list[Problem]:
    """Each text's box inside the figure (viewBox) and inside the rectangle that holds its anchor."""
    view = [float(v) for v in re.split(r"[\s,]+", root.attrs.get("viewBox", "").strip()) if re.fullmatch(r"-?[\d.]+", v)]
    if len(view) != 4:
        view = [0.0, 0.0, _number(root.attrs.get("width", "")), _number(root.attrs.get("height", ""))]
    frames = [("la figure", (view[0], view[1], view[0] + view[2], view[1] + view[3]))]
    rects = [
        (_number(n.attrs.get("x")), _number(n.attrs.get("y")), _number(n.attrs.get("x")) + _number(n.attrs.get("width")),
         _number(n.attrs.get("y")) + _number(n.attrs.get("height")))
        for n in _walk(root) if n.tag == "rect" and not _has_transform(n)
    ]
    problems = []
    for node in _walk(root):
        if node.tag != "text" or _has_transform(node):
            continue
        content = " ".join(node.all_text().split())
        if not content:
            continue
        size = _number(node.inherited("font-size", "16"), 16)
        bold = node.inherited("font-weight", "normal") in ("bold", "bolder", "600", "700", "800", "900")
        width = text_width(content, size, bold)
        x, y = _number(node.attrs.get("x")), _number(node.attrs.get("y"))
        anchor = node.inherited("text-anchor", "start")
        left = x - {"middle": width / 2, "end": width}.get(anchor, 0)
        box = (left, y - 0.8 * size, left + width, y + 0.2 * size)
        if "transform" in node.attrs:
            box = _rotate(box, node.attrs["transform"])
            if box is None:
                continue  # an unreadable transform is svg-number's business
        holders = [r for r in rects if r[0] <= x <= r[2] and r[1] <= y <= r[3] and (r[2] - r[0]) * (r[3] - r[1]) < view[2] * view[3]]
        checked = frames + ([("son cadre", min(holders, key=lambda r: (r[2] - r[0]) * (r[3] - r[1])))] if holders and "transform" not in node.attrs else [])
        for label, (f_left, f_top, f_right, f_bottom) in checked:
            overflow = {"à gauche": f_left - box[0], "en haut": f_top - box[1], "à droite": box[2] - f_right, "en bas": box[3] - f_bottom}
            side, amount = max(overflow.items(), key=lambda item: item[1])
            if amount > TOLERANCE:
                shown = content if len(content) <= 40 else content[:39] + "…"
                message = (f"le texte « {shown} » dépasse de {label} de {amount:.0f} px {side}"
                           " — raccourcissez-le, réduisez sa taille ou déplacez-le")
                problems.append(Problem(rel, node.line, node.col, message, "svg-text-overflow"))
                break
    return problems


def check_figure(text: str, rel: str) -> list[Problem]:
    """All the rules over one SVG file's text."""
    root, problems = parse(text, rel)
    if root is None:
        return problems
    return sorted(check_numbers(text, rel) + check_text_fits(root, rel))


def figure_paths(root: Path) -> list[Path]:
    return sorted({path for pattern in FIGURE_GLOBS for path in root.glob(pattern) if path.is_file()})


def check_figures(root: Path) -> list[Problem]:
    """Every hand-written figure of the repository at ``root``."""
    problems = []
    for path in figure_paths(root):
        rel = path.relative_to(root).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(rel, 1, 1, "fichier illisible — enregistrez la figure en UTF-8", "svg-parse"))
            continue
        # Content-keyed: an unchanged figure is not measured again (nor is the font loaded).
        problems += cache.problems("figures", cache.key(cache.code_digest(), rel, text), lambda text=text, rel=rel: check_figure(text, rel))
    return sorted(problems)
