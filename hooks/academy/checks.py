"""The checking engine: every rule over the repository, for the build and for ``academy check``.

``check_repository`` runs the families of rules below and returns every problem, sorted.
The MkDocs adapter (``hooks/checks.py``) runs the families no other hook reports
(``BUILD``); the command line runs them all. Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from academy import (
    brand,
    consistency,
    figures,
    glossary,
    identity,
    links,
    notebooks,
    prose,
    site,
    structure,
    talks,
    yamlpos,
)
from academy.problems import Problem
from academy.source import Page, read_html, read_markdown

FAMILIES = frozenset({"talks", "pages", "glossary", "cohorts", "brand", "consistency", "identity", "figures"})
# In the build, the glossary, cohort and brand hooks log their own problems.
BUILD = frozenset({"talks", "pages", "consistency", "identity", "figures"})
CHECKED_SUFFIXES = (".md", ".ipynb", ".html")


def load_glossary(root: Path) -> tuple[list[glossary.Entry] | None, list[Problem]]:
    """The glossary's entries (None when there is no glossary file) and its problems."""
    path = root / site.DOCS / glossary.GLOSSARY_FILE
    if not path.is_file():
        return None, []
    return glossary.load(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())


def glossary_terms(root: Path) -> tuple[set[str] | None, list[Problem]]:
    """The glossary's terms (None when there is no glossary file) and its problems."""
    entries, problems = load_glossary(root)
    return (None if entries is None else {e.term for e in entries}), problems


def check_talks(root: Path, terms: set[str] | None = None) -> list[Problem]:
    """Front matter of every talk, and the rules that span files (``terms``: the glossary's)."""
    found, problems = talks.load_talks(root)
    if terms is None:
        terms, _ = glossary_terms(root)
    problems += talks.cross_check(found, talks.exercise_slugs(root), terms)
    return sorted(problems)


def read_page(root: Path, rel: str, uri: str) -> tuple[Page, dict[str, Any] | None, str]:
    """One source file as a page, a notebook's JSON data (None for other files), and its text."""
    raw = (root / rel).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = "texte illisible — enregistrez le fichier en UTF-8 (le codage par défaut des éditeurs)"
        return Page(rel, uri, problems=[Problem(rel, line, col, message, "encoding")]), None, ""
    if rel.endswith(".ipynb"):
        return *notebooks.read_notebook(text, rel, uri), text
    if rel.endswith(".html"):
        return read_html(text, rel, uri), None, text
    # Pages are checked as the build shows them: with the identity markers replaced.
    shown = identity.expand(text, _identity(root, (root / identity.CONFIG).stat().st_mtime_ns)) if "academy." in text else text
    return read_markdown(shown, rel, uri), None, text


@cache
def _identity(root: Path, _version: int) -> identity.Identity:
    """mkdocs.yml's identity, read once per version of the file (``mkdocs serve`` rebuilds)."""
    return identity.read(root)


@dataclass
class Repository:
    """What one run reads: the site tree and each page, parsed at most once."""

    root: Path
    site: site.Site
    pages: dict[str, Page] = field(default_factory=dict)
    generated: dict[str, tuple[str, str]] | None = None  # site path -> (Markdown, source file)
    _glossary: tuple[list[glossary.Entry] | None, list[Problem]] | None = None
    identity: identity.Identity | None = None  # extra.academy of mkdocs.yml, read by check_repository

    def glossary(self) -> tuple[list[glossary.Entry] | None, list[Problem]]:
        """The glossary, read once per run."""
        if self._glossary is None:
            self._glossary = load_glossary(self.root)
        return self._glossary

    def page(self, uri: str) -> Page | None:
        if uri not in self.pages:
            rel = self.site.files.get(uri)
            if rel:
                self.pages[uri] = read_page(self.root, rel, uri)[0]
            elif uri in self.generated_pages():
                text, source = self.generated_pages()[uri]
                self.pages[uri] = read_markdown(text, source, uri)
            else:
                return None
        return self.pages[uri]

    def anchors(self, uri: str) -> set[str] | None:
        page = self.page(uri)
        return page.ids if page is not None else None

    def generated_pages(self) -> dict[str, tuple[str, str]]:
        """Markdown of the pages hooks generate: the glossary, and the cohorts' when available."""
        if self.generated is None:
            self.generated = {}
            entries, _ = self.glossary()
            if entries is not None:
                source = f"{site.DOCS}/{glossary.GLOSSARY_FILE}"
                self.generated["glossaire.md"] = (glossary.render_page(entries), source)
            self.generated |= cohort_pages(self.root)
        return self.generated


def _cohorts_module() -> Any:
    """academy.cohorts, or None while it does not exist yet (it is written in parallel)."""
    try:
        from academy import cohorts
    except ModuleNotFoundError as error:
        if error.name != "academy.cohorts":
            raise
        return None
    return cohorts


def cohort_pages(root: Path) -> dict[str, tuple[str, str]]:
    """Site path -> (Markdown, source file) of what the cohort hook adds to pages."""
    cohorts = _cohorts_module()
    docs = root / site.DOCS
    if cohorts is None or not (docs / site.PROMOTIONS).is_dir():
        return {}
    result = cohorts.build(root, docs, date.today(), "https://example.org/")
    folder = f"{site.DOCS}/{site.PROMOTIONS}"
    out = {}
    for uri, content in result.files.items():
        if uri.endswith(".md") and isinstance(content, str):
            parts = uri.split("/")
            out[uri] = (content, f"{folder}/{parts[1]}.yml" if len(parts) == 3 else folder)
    for slug, section in result.talk_dates.items():
        out[f"(dates) talks/{slug}/index.md"] = (section, folder)
    if result.current:
        out["(accueil) index.md"] = (result.current, folder)
    return out


def check_cohorts(root: Path, repo: Repository | None = None) -> list[Problem]:
    """Every cohort file's rules, and the links of the pages made from them."""
    cohorts = _cohorts_module()
    folder = root / site.DOCS / site.PROMOTIONS
    if cohorts is None or not folder.is_dir():
        return []
    slugs = {path.parent.name for path in talks.talk_paths(root)}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yml")):
        problems += cohorts.load_cohort(path, path.relative_to(root).as_posix(), slugs)[1]
    repo = repo or Repository(root, site.load(root))
    for uri, (text, source) in repo.generated_pages().items():
        if source == f"{site.DOCS}/{glossary.GLOSSARY_FILE}":
            continue
        real = uri.split(") ", 1)[-1]  # « (dates) talks/x/index.md » is read as the talk page
        page = read_markdown(text, source, real)
        for problem in links.check_links(page, repo.site, repo.anchors):
            message = f"page générée « {real} », ligne {problem.line} : {problem.message}"
            problems.append(Problem(source, 1, 1, message, problem.rule))
    return problems




@cache
def avoided_names() -> tuple[consistency.Avoided, ...]:
    return tuple(consistency.load_names(consistency.NAMES_FILE.read_text(encoding="utf-8")))


def check_consistency(root: Path) -> list[Problem]:
    """Rules across talks and cohorts: each session holds its talk; no real name in cohort data."""
    cohorts = _cohorts_module()
    folder = root / site.DOCS / site.PROMOTIONS
    if cohorts is None or not folder.is_dir():
        return []
    found, _ = talks.load_talks(root)
    lengths = {t.slug: consistency.TalkLength(t.meta.duration, t.meta.split) for t in found if t.meta}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yml")):
        rel, text = path.relative_to(root).as_posix(), path.read_text(encoding="utf-8")
        problems += consistency.check_real_names_in_data(rel, text, avoided_names())
        cohort, _ = cohorts.parse_cohort(text, rel, set(lengths))
        if cohort is not None:
            problems += consistency.check_session_durations(rel, text, cohort.data.sessions, lengths)
    return problems


def check_brand(root: Path) -> list[Problem]:
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        config = yamlpos.load(text)
    except FileNotFoundError:
        return []
    except yamlpos.YamlSyntaxError as error:
        message = f"mkdocs.yml illisible ({error.message}) — vérifiez l'indentation"
        return [Problem("mkdocs.yml", error.line, error.col, message, "brand")]
    colors = ((config or {}).get("extra") or {}).get("academy", {}).get("colors", {})
    return brand.check_colors(dict(colors or {}), "mkdocs.yml", text)


def check_page(page: Page, repo: Repository, data: dict[str, Any] | None = None, text: str = "") -> list[Problem]:
    """Every rule of one page: links, structure, plain language, notebook outputs."""
    problems = list(page.problems)
    if structure.is_talk(page.uri):
        problems = [p for p in problems if p.rule != "front-matter"]  # check_talks reports them
    problems += links.check_links(page, repo.site, repo.anchors)
    problems += links.check_markers(page, repo.site)
    problems += structure.check_placeholders(page)
    problems += structure.check_images(page)
    problems += structure.check_link_texts(page)
    problems += consistency.check_date_format(page)
    problems += consistency.check_real_names(page, avoided_names())
    if page.path.endswith(".html"):
        return problems
    problems += structure.check_headings(page)
    problems += structure.check_talk_sections(page)
    first = page.prose[0].line if page.prose else 1
    problems += prose.advice(prose.measure(page), talk=structure.is_talk(page.uri), first_line=first)
    if data is not None:
        problems += notebooks.output_problems(data, text, page.path)
    elif text:
        problems += identity.check_markers(text, page.path, repo.identity)
    return problems


def page_sources(repo: Repository, selected: set[str] | None) -> list[tuple[str, str]]:
    """(site path, repository path) of every source page to check."""
    return [(uri, rel) for uri, rel in sorted(repo.site.files.items())
            if rel and rel.endswith(CHECKED_SUFFIXES) and (selected is None or rel in selected)]


def check_pages(repo: Repository, selected: set[str] | None = None, *, external: bool = False) -> list[Problem]:
    problems: list[Problem] = []
    checked = []
    for uri, rel in page_sources(repo, selected):
        page, data, text = read_page(repo.root, rel, uri)
        repo.pages[uri] = page
        checked.append(page)
        problems += check_page(page, repo, data, text)
    if external:
        from academy.external import check_external  # only on request: it goes on the network

        problems += check_external(checked)
    return problems


def expand(root: Path, paths: Iterable[Path]) -> set[str]:
    """Repository paths (POSIX) of the files named, folders expanded."""
    out = set()
    for path in paths:
        path = path.resolve()
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        out |= {p.relative_to(root).as_posix() for p in files}
        if path.is_dir():
            out.add(path.relative_to(root).as_posix())
    return out


def _kept(problem: Problem, selected: set[str]) -> bool:
    return problem.path in selected


def check_repository(root: Path, paths: Iterable[Path] | None = None, external: bool = False,
                     families: frozenset[str] = FAMILIES) -> list[Problem]:
    """Every problem of the repository at ``root`` (or of ``paths`` in it), sorted by file and line."""
    root = root.resolve()
    selected = expand(root, paths) if paths is not None else None
    repo = Repository(root, site.load(root), identity=identity.read(root))
    problems: list[Problem] = []
    entries, glossary_problems = repo.glossary()
    if "talks" in families and (root / talks.TALKS_DIR).is_dir():
        problems += check_talks(root, None if entries is None else {e.term for e in entries})
    if "glossary" in families:
        problems += glossary_problems
    if "brand" in families:
        problems += check_brand(root)
    if "identity" in families:
        problems += identity.check(root)
    if "pages" in families:
        problems += check_pages(repo, selected, external=external)
    promotions = f"{site.DOCS}/{site.PROMOTIONS}"
    if "consistency" in families:
        problems += check_consistency(root)
    if "figures" in families:
        problems += figures.check_figures(root)  # the hand-written SVG figures (academy.figures)
    if "cohorts" in families and (selected is None or any(s.startswith(promotions) for s in selected)):
        problems += check_cohorts(root, repo)
    if selected is not None:
        problems = [p for p in problems if _kept(p, selected)]
    return sorted(set(problems))
