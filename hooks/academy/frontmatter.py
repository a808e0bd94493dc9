"""Split a Markdown file into its YAML front matter and its body, keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from academy.textfile import split_lines

_FENCE = re.compile(r"^---[ \t]*$")


@dataclass(frozen=True)
class Document:
    meta_text: str  # the YAML between the two '---' lines ('' when there is none)
    meta_line: int  # 1-based line of the first YAML line in the file
    body: str
    body_line: int  # 1-based line where the body starts


def split(text: str) -> Document:
    lines = split_lines(text, keepends=True)
    if lines and _FENCE.match(lines[0].rstrip("\r\n")):
        for index in range(1, len(lines)):
            if _FENCE.match(lines[index].rstrip("\r\n")):
                meta = "".join(lines[1:index])
                return Document(meta, 2, "".join(lines[index + 1 :]), index + 2)
    return Document("", 1, text, 1)
