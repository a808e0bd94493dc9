"""The pymdownx blocks that markdown-it does not know, turned into plain Markdown line by line.

Admonitions, collapsible notes (``???``), content tabs (``===``) and ``<div markdown>`` become
their bodies, dedented, so that markdown-it reads them like any Markdown and every line keeps
its number; lines inside presenter notes (``!!! intervenant``) are marked, they are not
readers' prose. Used by ``academy.source``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NOTE_TYPE = "intervenant"  # presenter notes: not readers' prose
_BLOCK = re.compile(r"^(?P<indent> *)(?:!!!|\?\?\?\+?|===[!+]{0,2})[ \t]+(?P<rest>\S.*)$")
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})")
_MD_IN_HTML = re.compile(r"^\s*<(?P<tag>[a-zA-Z][\w-]*)\b[^>]*\smarkdown(?:=[\"']?\w*[\"']?)?[^>]*>\s*$")
_ABBR = re.compile(r"^\s*\*\[[^\]]+\]:")


@dataclass
class Flat:
    lines: list[str]
    shift: list[int]  # spaces removed at the start of each line
    notes: set[int]  # indices of lines inside presenter notes
    html: list[tuple[int, str]]  # (index, line) of <div markdown> tags taken out


def flatten(lines: list[str]) -> Flat:
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
    return Flat(out, shift, notes, html)
