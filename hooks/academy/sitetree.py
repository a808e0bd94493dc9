"""The merged site tree: every file the build publishes, under the path MkDocs gives it.

``docs/X`` is published as ``X``; ``talks/…`` and ``exercises/…`` keep their paths (see
``academy.mount``). The files the build generates (the glossary page, the colours, the
cohort pages and calendars, the printable playbook, the exercises' workbooks) come from the project model
(``academy.model.Project.generated``); mkdocs-jupyter puts each notebook's raw file next to
its page for download. They are all known targets here, so links to them are valid.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from academy import mount

DOCS = "docs"
PAGE_SUFFIXES = (".md", ".ipynb")


def is_page(uri: str) -> bool:
    return uri.endswith(PAGE_SUFFIXES)


def url_of(uri: str) -> str:
    """The page's URL path with directory URLs (``guides/x.md`` -> ``guides/x/``); files keep theirs."""
    if not is_page(uri):
        return uri
    folder, name = posixpath.split(posixpath.splitext(uri)[0])
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{folder}/{name}/" if folder else f"{name}/"


def site_path(rel: str) -> str | None:
    """Repository path -> site path, or None when the file is not part of the site."""
    parts = rel.split("/")
    if parts[0] == DOCS and len(parts) > 1:
        return "/".join(parts[1:])
    if parts[0] in mount.MOUNTED:
        return rel
    return None


@dataclass
class Site:
    files: dict[str, str] = field(default_factory=dict)  # site path -> repository path ("" when generated)
    pages: set[str] = field(default_factory=set)  # site paths rendered as pages
    urls: dict[str, str] = field(default_factory=dict)  # page URL -> site path

    def add(self, uri: str, rel: str = "", *, page: bool | None = None) -> None:
        self.files.setdefault(uri, rel)
        if is_page(uri) if page is None else page:
            self.pages.add(uri)
            self.urls.setdefault(url_of(uri), uri)

    def from_source(self, page: str, path: str) -> str:
        """Where a Markdown link points: relative to the page's source file, as MkDocs resolves it."""
        return posixpath.normpath(posixpath.join(posixpath.dirname(page), path).lstrip("/"))

    def from_url(self, page: str, path: str) -> str | None:
        """Where a raw HTML link points: relative to the page's URL. The site path, or None."""
        base = url_of(page)
        folder = base if base.endswith("/") or not base else posixpath.dirname(base)
        target = posixpath.normpath(posixpath.join(folder, path))
        target = "" if target == "." else target
        if target.startswith("../"):
            return None
        if target.endswith("/index.html"):
            target = target.removesuffix("index.html")
        elif target == "index.html":
            target = ""
        for candidate in (target, f"{target}/" if target else ""):
            if candidate in self.urls:
                return self.urls[candidate]
        return target if target in self.files and target not in self.pages else None

    def relative(self, target: str, page: str) -> str:
        """The relative path to write in ``page`` to reach ``target``."""
        return posixpath.relpath(target, posixpath.dirname(page) or ".")

    def suggest(self, target: str, page: str) -> str:
        """`` (vouliez-vous dire « … » ?)`` with the closest existing file, or ''."""
        close = self._closest(target, page)
        return f" (vouliez-vous dire « {self.relative(close, page)} » ?)" if close else ""

    def _closest(self, target: str, page: str) -> str | None:
        if (folder_index := posixpath.join(target, "index.md")) in self.files:
            return folder_index
        folder, name = posixpath.split(target)
        stem = posixpath.splitext(name)[0]
        same_kind = [uri for uri in self.files if (uri in self.pages) == is_page(target) and uri != page]
        siblings = {posixpath.basename(uri): uri for uri in same_kind if posixpath.dirname(uri) == folder}
        starting = sorted(n for n in siblings if stem and posixpath.splitext(n)[0].startswith(stem))
        if starting:
            return siblings[starting[0]]
        if found := difflib.get_close_matches(name, list(siblings), n=1, cutoff=0.7):
            return siblings[found[0]]
        found = difflib.get_close_matches(target, same_kind, n=1, cutoff=0.75)
        return found[0] if found else None


def load(root: Path, docs: str = DOCS, generated: Mapping[str, str] | None = None,
         skipped: Collection[str] = (), mounted: Sequence[str] | None = None) -> Site:
    """Every published file: ``docs`` (but the data files in ``skipped``), the mounted folders,
    and ``generated`` (site path -> repository path of its data), which ``academy.model`` lists."""
    site = Site()
    folder = root / docs
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts) or rel.parts[0] == "templates":
            continue
        if (uri := rel.as_posix()) not in skipped:
            site.add(uri, f"{docs}/{uri}")
    for rel in mount.mounted_files(root) if mounted is None else mounted:
        site.add(rel, rel)
    for uri in generated or {}:
        site.add(uri)
    for uri in [u for u in site.files if u.endswith(".ipynb")]:
        folder_uri, name = posixpath.split(uri)
        site.add(posixpath.join(folder_uri, posixpath.splitext(name)[0], name), page=False)  # mkdocs-jupyter's download
    return site
