"""One source file read as a page: Markdown, a notebook's Markdown cells, or static HTML."""

from __future__ import annotations

from typing import TYPE_CHECKING

from academy import cache, identity, notebooks
from academy.parsed import Page
from academy.problems import Problem
from academy.source import read_html, read_markdown

if TYPE_CHECKING:
    from academy.model import Project

ENCODING = "texte illisible — enregistrez le fichier en UTF-8 (le codage par défaut des éditeurs)"


def undecodable(raw: bytes, rel: str, uri: str) -> Page:
    """A page whose bytes are not UTF-8: no content, one problem at the first bad byte."""
    try:
        raw.decode("utf-8")
        start = 0
    except UnicodeDecodeError as error:
        start = error.start
    line = raw.count(b"\n", 0, start) + 1
    col = start - (raw.rfind(b"\n", 0, start) + 1) + 1
    return Page(rel, uri, problems=[Problem(rel, line, col, ENCODING, "encoding")])


def read_page(text: str, rel: str, uri: str, who: identity.Identity | None = None) -> Page:
    """A page as the build shows it: Markdown with the identity markers (``{{ academy.name }}``) replaced."""
    if rel.endswith(".ipynb"):
        return notebooks.read_notebook(text, rel, uri)[0]
    if rel.endswith(".html"):
        return read_html(text, rel, uri)
    return read_markdown(identity.expand(text, who) if who is not None and "academy." in text else text, rel, uri)


def parse(project: Project, uri: str) -> Page | None:
    """The page at site path ``uri``: a source file, or a generated page (read as its data file)."""
    rel = project.site.files.get(uri)
    if rel:
        text = project.text(rel)
        if text is None:
            try:
                return undecodable((project.root / rel).read_bytes(), rel, uri)
            except OSError:
                return None
        # Content-keyed: `make serve` and `academy check` parse an unchanged page once.
        key = cache.key(cache.code_digest(), rel, uri, repr(project.identity), text)
        return cache.value("pages", key, lambda: read_page(text, rel, uri, project.identity))
    generated = project.generated.get(uri)
    if generated is not None and isinstance(generated.content, str) and uri.endswith(".md"):
        return generated_page(generated.content, generated.source, uri)
    return None


def generated_page(text: str, source: str, uri: str) -> Page:
    """A page the build makes (from ``source``), parsed once per text."""
    return cache.value("pages", cache.key(cache.code_digest(), source, uri, text), lambda: read_markdown(text, source, uri))
