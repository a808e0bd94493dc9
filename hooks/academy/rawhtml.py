"""Links, images and ids written as raw HTML, in a page or a static HTML file, with their places.

A link in raw HTML is relative to the page's URL, not to its source file (``Link.html``).
Used by ``academy.source``.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import unquote

from academy.parsed import Link, Page, Segment, words


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
        page.links.append(Link(target, words("".join(parts)), file_line, offset + col + 1, image=tag == "img",
                               html=True, alt=None if alt is None else str(alt), where=segment.where))
