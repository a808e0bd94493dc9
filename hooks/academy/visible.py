"""Raw markup shown to readers: HTML tags, CSS rules or template code printed as text on a page.

It happens when a tool's output is escaped instead of inserted (mkdocs-jupyter once appended
the code-highlighting stylesheet as an indented block, which Markdown turned into a grey code
box at the end of every notebook page). ``raw_markup`` reads a built page and returns the
snippets a reader would see; ``strip_inlined_css`` removes that stylesheet at its source.

Code the authors show on purpose is left alone: inline ``code`` in prose, and code blocks that
declare their language (``language-css``, ``hl-python``...). Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from html import unescape as unescape

from bs4 import BeautifulSoup, NavigableString, Tag

RULE = "visible-markup"
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|span|p|a|img|svg|style|script|link|meta|table|thead|tbody|tr|td|th|ul|ol|li|"
    r"section|article|details|summary|br|hr|h[1-6]|iframe|input|button|form|label)\b[^<>]{0,200}>",
    re.IGNORECASE,
)
_CSS_RULE = re.compile(r"(?:^|[\s};])[.#]?[A-Za-z][\w.#:\[\]=\"'-]*(?:\s*,\s*[.#]?[\w.#:-]+)*\s*\{\s*[a-z-]+\s*:\s*[^;{}]{1,120};")
_TEMPLATE = re.compile(r"\{\{.{0,80}?\}\}|\{%.{0,80}?%\}")
_HIDDEN_TAGS = ("script", "style", "template", "noscript", "head", "title")
# A list's repr between <style> tags: ['…', '…'] (other hooks may add text after it).
_INLINED_CSS = re.compile(r"\n[ \t]*<style>\n[ \t]*\[(?:'[^\n]*'|\"[^\n]*\")\]\n[ \t]*</style>\n", re.DOTALL)


def strip_inlined_css(markdown: str) -> str:
    """The notebook's Markdown without the stylesheet that mkdocs-jupyter appends as a Python list.

    ``nb2html`` ends its output with ``<style>['pre { line-height: 125%; }…']</style>``, indented
    by eight spaces: Markdown shows it as a code block. The same styles are already in the page's
    head, so the appended copy is dropped.
    """
    return _INLINED_CSS.sub("\n", markdown)


def _declared_code(node: Tag) -> bool:
    """Inside inline code, or inside a code block that names its language."""
    for parent in node.parents:
        if not isinstance(parent, Tag):
            continue
        classes = parent.get("class") or []
        if any(c.startswith(("language-", "hl-")) for c in classes):
            return True
        if parent.name == "code" and parent.parent is not None and parent.parent.name != "pre":
            return True
    return False


def _hidden(node: Tag) -> bool:
    # Text of a <nav> (menu, tabs, header, previous/next) is left to its source: a title of mkdocs.yml's nav
    # (rule nav-marker, at its line there) or a page's title, which that page's own heading shows too.
    # Checked here, it would be reported once per page, at line 1 of pages that do not hold it.
    return any(
        isinstance(p, Tag) and (p.name in _HIDDEN_TAGS or p.name == "nav" or p.has_attr("hidden") or p.get("aria-hidden") == "true")
        for p in node.parents
    )


_UNSEEN = re.compile(r"<(script|style|template|noscript|head|title)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[!/?A-Za-z][^>]*>")


def _may_show_markup(html: str) -> bool:
    """False when no text of the page can match: most pages, told without parsing them (a quick superset)."""
    text = unescape(_TAG.sub("\n", _UNSEEN.sub("", html)))
    return any(pattern.search(text) for pattern in (_HTML_TAG, _CSS_RULE, _TEMPLATE))


def _nav_heading(string: NavigableString, title: str | None) -> bool:
    """In the heading the theme printed from the page's title that mkdocs.yml's nav gives (``title``)."""
    heading = string.find_parent("h1")
    return title is not None and heading is not None and heading.get_text() == unescape(title)


def raw_markup(html: str, nav_title: str | None = None) -> list[str]:
    """The snippets of markup, CSS or template code that a reader of this page sees as text.

    ``nav_title``: the page's label in mkdocs.yml's nav, when the theme printed it as the page's
    heading (its ``<h1>``); a marker typed wrong there is the nav-marker rule's, at its line in
    mkdocs.yml, not this page's. The page's own text is read whole.
    """
    if not _may_show_markup(html):
        return []
    soup = BeautifulSoup(html, "html.parser")
    body = soup.body or soup
    found = []
    for string in body.find_all(string=True):
        if not isinstance(string, NavigableString) or type(string) is not NavigableString:
            continue  # comments, CDATA, doctype
        text = str(string)
        if not text.strip() or _hidden(string) or _declared_code(string) or _nav_heading(string, nav_title):
            continue
        for pattern in (_HTML_TAG, _CSS_RULE, _TEMPLATE):
            match = pattern.search(text)
            if match:
                found.append(" ".join(match.group().split())[:80])
                break
    return found


def message(snippets: list[str]) -> str:
    shown = " ; ".join(f"« {s} »" for s in snippets[:3])
    more = f" (et {len(snippets) - 3} autres)" if len(snippets) > 3 else ""
    return (
        f"la page publiée affiche du code brut : {shown}{more} — ce balisage devait être interprété, pas écrit ;"
        " s'il s'agit d'un exemple, mettez-le dans un bloc de code qui indique son langage (```html, ```css)"
    )
