"""What a check keeps between runs: the page rules' problems, per page, keyed by content.

``make serve`` checks the project at every save and ``academy check`` at every run; a page
whose text and surroundings did not change gives the same problems as last time, so they are
read from the cache (academy.cache) instead of being found again. Nothing here imports MkDocs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from academy import cache, registry
from academy.problems import Problem

if TYPE_CHECKING:
    from academy.model import Project


def page_context(project: Project) -> str:
    """The hash of what page rules read beyond their page's own text.

    That is the engine's code (its rules, the names to avoid), the site tree (which link targets
    exist), the anchors of every page, the identity block. A page's problems are kept under its
    text and this hash, so a save re-checks that page only, unless it changed a title or a
    file name that other pages link to. A page rule that reads anything else adds it here.
    """
    parts = [cache.code_digest(), repr(project.identity), repr(project.avoided_names), repr(sorted(project.site.pages))]
    parts += [f"{uri}\0{rel}" for uri, rel in sorted(project.site.files.items())]
    parts += [uri + "\0" + _anchors(project, uri) for uri in sorted(project.site.pages)]
    return cache.key(*parts)


def _anchors(project: Project, uri: str) -> str:
    """The anchors of page ``uri`` as one text (« ? »: unknown), kept under the page's text.

    Every save asks for those of every page; unpickling each parsed page for them was a tenth
    of a rebuild. A generated page (no source file) is read as before.
    """

    def read() -> str:
        ids = project.anchors(uri)
        return "?" if ids is None else "\0".join(sorted(ids))

    rel = project.site.files.get(uri)
    text = project.text(rel) if rel else None
    if text is None:
        return read()
    return cache.text("anchors", cache.key(cache.code_digest(), rel, uri, repr(project.identity), text), read)


def page_problems(project: Project, uri: str, rel: str, context: str) -> list[Problem]:
    """The page rules over one page, kept under its text and ``context`` (``page_context``).

    Notebooks are always checked again: their rules also read what running them gives (data
    files, libraries), which their cache (academy.execute) keys already; a page that is not
    UTF-8 has no text to key on.
    """

    def run() -> list[Problem]:
        page = project.page(uri)
        return registry.run_page(page, project) if page is not None else []

    text = project.text(rel)
    if text is None or rel.endswith(".ipynb"):
        return run()
    return cache.problems("page-rules", cache.key(context, uri, rel, text), run)
