"""Tables that read on a phone: each cell carries its column's name, so rows can stack as cards.

On a narrow screen (``docs/assets/academy.css``), a table of three columns or more shows each
row as a card: every cell on its own line, after its column name (``data-label``). No column
is hidden, and nothing needs a sideways scroll. Only the tables written in Markdown are
changed (``<table>`` without attributes); notebook outputs keep their scroll box and its cue.

Pure function over the page's HTML; nothing here imports MkDocs.
"""

from __future__ import annotations

import html
import re

CARDS_ATTRIBUTE = "data-cards"  # an attribute, not a class: Material styles only tables without a class
MIN_COLUMNS = 3
_TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.DOTALL)
_HEAD = re.compile(r"<thead>(?P<head>.*?)</thead>", re.DOTALL)
_TH = re.compile(r"<th\b[^>]*>(?P<text>.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.DOTALL)
_TD = re.compile(r"<td\b")
_TAGS = re.compile(r"<[^>]+>")


def _label(cell_html: str) -> str:
    return html.escape(" ".join(html.unescape(_TAGS.sub("", cell_html)).split()), quote=True)


def _label_row(row: str, labels: list[str]) -> str:
    cells = iter(labels)
    return _TD.sub(lambda m: f'<td data-label="{next(cells, "")}"', row)


def _card_table(match: re.Match[str]) -> str:
    body = match.group("body")
    head = _HEAD.search(body)
    labels = [_label(th.group("text")) for th in _TH.finditer(head.group("head"))] if head else []
    if len(labels) < MIN_COLUMNS:
        return match.group(0)
    start = head.end()
    rows = _ROW.sub(lambda r: _label_row(r.group(0), labels), body[start:])
    return f"<table {CARDS_ATTRIBUTE}>{body[:start]}{rows}</table>"


def stackable_tables(page_html: str) -> str:
    """The page with each Markdown table of three columns or more ready to stack as cards."""
    if "<table>" not in page_html:
        return page_html
    return _TABLE.sub(_card_table, page_html)
