"""The project, read once: one frozen snapshot that both doors share.

``load`` reads the repository (``mkdocs.yml``, talks, exercises, notebooks, the glossary,
the cohorts, every page) into a ``Project``. Every item keeps its source path (relative to
the repository root) and the problems found while reading it, each with its line. The
build's adapters call ``for_build(config)`` (one snapshot per build: MkDocs makes a new
config for each build, and ``hooks/mount.py`` drops any old one in ``on_config``); the
command line calls ``load(root)``. Both get the same ``today`` (``ACADEMY_TODAY``) and the
same site URL (``site_url`` of mkdocs.yml, ``!ENV`` resolved as MkDocs does).

What the build adds to the site (the glossary page, the colours, the cohort pages and
calendars, the printable playbook) is listed in ``Project.generated``: the site tree
(``Project.site``) is made from it, and so are the hooks' files.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from academy import (
    brand,
    consistency,
    exercises,
    extra_academy,
    glossary,
    identity,
    mount,
    printable,
    reading,
    sitetree,
    talks,
    workbooks,
    yamlpos,
)
from academy.cohorts import publish
from academy.cohorts.rules import parse_cohort
from academy.cohorts.schema import Cohort
from academy.parsed import Page
from academy.problems import Problem

CONFIG = "mkdocs.yml"
# What mkdocs.yml holds at extra.academy: no such key; a block of fields; something else (a line of text, a list).
ABSENT, BLOCK, MALFORMED = "absent", "block", "malformed"
_KEY = "_academy_project"  # where for_build keeps the snapshot on MkDocs' config


@dataclass(frozen=True)
class Settings:
    """What mkdocs.yml and the environment decide for one build."""

    today: date
    site_url: str
    repo_url: str = ""
    docs_dir: str = sitetree.DOCS  # relative to the root
    config_text: str = ""  # mkdocs.yml as written, to locate its keys
    config: Mapping[str, Any] = field(default_factory=dict)  # mkdocs.yml parsed once, positions kept ({} when unreadable)
    academy: Mapping[str, Any] = field(default_factory=dict)  # extra.academy, positions kept ({} unless a block)
    academy_shape: str = ABSENT  # ABSENT, BLOCK or MALFORMED (the brand rule reports a malformed one)


@dataclass(frozen=True)
class Generated:
    """A file the build adds, with no source file of its own under its site path."""

    uri: str  # site path
    source: str  # repository path of the data it comes from ("" when none)
    content: str | bytes | None = None  # None: made by its hook during the build (needs MkDocs' pages)
    edit_uri: str | None = None  # « edit this page » opens this file (repository path)


@dataclass(frozen=True)
class Project:
    root: Path
    settings: Settings
    talks: tuple[talks.Talk, ...]
    exercises: tuple[exercises.Exercise, ...]
    mounted: tuple[str, ...]  # repository paths of every file published from talks/ and exercises/
    notebooks: tuple[str, ...]  # repository paths of every published notebook
    glossary: tuple[glossary.Entry, ...] | None  # None when there is no glossary file, or it cannot be read
    cohorts: tuple[Cohort, ...]  # the cohorts without problems: the published ones
    all_cohorts: tuple[Cohort, ...]  # every cohort file whose schema is valid, with problems or not
    cohort_files: tuple[str, ...]  # repository paths of every cohort file
    calendar: publish.Build  # what the cohorts add: pages, calendars, dates of talks, home block
    generated: Mapping[str, Generated]
    site: sitetree.Site  # every published file, by site path
    problems: Mapping[str, tuple[Problem, ...]]  # found while reading, by topic (registry.TOPICS)
    identity: identity.Identity = field(default_factory=identity.Identity)  # extra.academy, !ENV resolved
    avoided_names: tuple[consistency.Avoided, ...] = ()  # real organisations' names (academy/noms-a-eviter.yml)
    texts: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)  # read once
    pages: dict[str, Page] = field(default_factory=dict, repr=False, compare=False)  # parsed once
    runs: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # notebooks run once (academy.execute)

    @property
    def talk_titles(self) -> dict[str, str]:
        return {talk.slug: talk.title for talk in self.talks}

    def text(self, rel: str) -> str | None:
        """A source file's text, read once per snapshot; None when it is missing or not UTF-8."""
        return read_text(self.root, rel, self.texts)

    def page(self, uri: str) -> Page | None:
        """The parsed page at site path ``uri`` (a source page or a generated one), parsed once."""
        if uri not in self.pages:
            parsed = reading.parse(self, uri)
            if parsed is None:
                return None
            self.pages[uri] = parsed
        return self.pages[uri]

    def anchors(self, uri: str) -> set[str] | None:
        page = self.page(uri)
        return page.ids if page is not None and page.readable else None  # unreadable: its ids are unknown


def read_text(root: Path, rel: str, texts: dict[str, str | None]) -> str | None:
    if rel not in texts:
        try:
            texts[rel] = (root / rel).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            texts[rel] = None
    return texts[rel]


def build_date(value: str | None) -> date:
    """The build date: ``value`` (AAAA-MM-JJ, from ``ACADEMY_TODAY``) when given, else today."""
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"« {value} » n'est pas une date AAAA-MM-JJ — corrigez-la, par exemple 2020-03-01") from None


def _env(value: Any) -> Any:
    """MkDocs' ``!ENV [NAME, default]`` (or ``!ENV NAME``): the first variable set, else the default."""
    if getattr(getattr(value, "tag", None), "value", None) != "!ENV":
        return value
    names = list(value) if isinstance(value, list) else [str(value)]
    for name in names[:-1] if len(names) > 1 else names:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return names[-1] if len(names) > 1 else None


def read_settings(root: Path, texts: dict[str, str | None]) -> tuple[Settings, list[Problem]]:
    """mkdocs.yml as the build reads it: site URL, repository URL, docs folder, extra.academy."""
    today = build_date(os.environ.get("ACADEMY_TODAY"))
    text = read_text(root, CONFIG, texts) or ""
    try:
        config = yamlpos.load(text, aliases=True) or {}
    except yamlpos.YamlSyntaxError as error:
        message = f"mkdocs.yml illisible ({error.message}) — vérifiez l'indentation"
        return Settings(today, ""), [Problem(CONFIG, error.line, error.col, message, "brand")]
    config = config if isinstance(config, dict) else {}
    extra = config.get("extra")
    academy = extra.get("academy") if isinstance(extra, dict) else None
    shape = ABSENT if not isinstance(extra, dict) or "academy" not in extra else BLOCK if isinstance(academy, dict) else MALFORMED
    settings = Settings(
        today=today,
        site_url=str(_env(config.get("site_url")) or ""),
        repo_url=str(_env(config.get("repo_url")) or ""),
        docs_dir=str(_env(config.get("docs_dir")) or sitetree.DOCS),
        config_text=text,
        config=config,
        academy=academy if isinstance(academy, dict) else {},
        academy_shape=shape,
    )
    return settings, []


def load(root: Path, *, settings: Settings | None = None) -> Project:
    """Read the repository at ``root`` once. ``settings``: the build's (else read from mkdocs.yml)."""
    root = root.resolve()
    texts: dict[str, str | None] = {}
    problems: dict[str, list[Problem]] = {topic: [] for topic in ("talks", "exercises", "glossary", "cohorts", "identity")}
    if settings is None:
        settings, problems["identity"] = read_settings(root, texts)
    docs = settings.docs_dir

    found_talks = []
    for path in talks.talk_paths(root):
        rel = path.relative_to(root).as_posix()
        text = read_text(root, rel, texts)
        if text is None:
            continue  # the page rules report the encoding
        talk, found = talks.parse_talk(text, rel)
        found_talks.append(talk)
        problems["talks"] += found
    found_exercises = []
    for path in exercises.exercise_paths(root):
        rel = path.relative_to(root).as_posix()
        text = read_text(root, rel, texts)
        exercise, found = exercises.parse_exercise(text, rel) if text is not None else (exercises.unreadable(rel), [])
        found_exercises.append(exercise)
        problems["exercises"] += found
    talk_folders = {path.parent.name for path in talks.talk_paths(root)}  # unreadable ones too (rule encoding)
    problems["exercises"] += exercises.cross_check(found_exercises, talk_folders, root)

    entries = None
    glossary_rel = f"{docs}/{glossary.GLOSSARY_FILE}"
    if (root / glossary_rel).is_file():
        text = read_text(root, glossary_rel, texts)
        loaded, problems["glossary"] = glossary.load(text or "", glossary_rel)
        entries = None if loaded is None else tuple(loaded)

    slugs = {talk.slug for talk in found_talks}
    cohort_files = tuple(p.relative_to(root).as_posix() for p in sorted((root / docs / publish.PROMOTIONS_DIR).glob("*.yml")))
    published, parsed = [], []
    for rel in cohort_files:
        text = read_text(root, rel, texts)
        if text is None:
            problems["cohorts"].append(Problem(rel, 1, 1, "(fichier): texte illisible — enregistrez le fichier en UTF-8", "cohort-yaml"))
            continue
        cohort, found = parse_cohort(text, rel, slugs)
        problems["cohorts"] += found
        parsed += [cohort] if cohort is not None else []
        published += [cohort] if cohort is not None and not found else []
    who = identity.from_mapping(extra_academy.usable_fields(settings.academy))  # as hooks/brand.py: valid fields only
    by_slug = {exercise.slug: identity.expand(exercise.title, who, raw=True) for exercise in found_exercises}  # markers, as talk titles
    exercises_by_talk = {t.slug: [(s, by_slug.get(s, s)) for s in t.meta.exercises] for t in found_talks if t.meta}
    calendar = publish.render(published, [f.removeprefix(f"{docs}/") for f in cohort_files], {t.slug: identity.expand(t.title, who, raw=True) for t in found_talks},
                              exercises_by_talk, settings.today, settings.site_url, who.name or "Académie", who.organisation)

    generated = _generated(settings, entries, calendar, docs)
    mounted = tuple(mount.mounted_files(root))
    tree = sitetree.load(root, docs, {uri: g.source for uri, g in generated.items()},
                     skipped={glossary.GLOSSARY_FILE, *calendar.sources}, mounted=mounted)
    return Project(
        root=root,
        settings=settings,
        talks=tuple(found_talks),
        exercises=tuple(found_exercises),
        mounted=mounted,
        notebooks=tuple(rel for rel in mounted if rel.endswith(".ipynb")),
        glossary=entries,
        cohorts=tuple(published),
        all_cohorts=tuple(parsed),
        cohort_files=cohort_files,
        calendar=calendar,
        generated=generated,
        site=tree,
        problems={topic: tuple(found) for topic, found in problems.items()},
        identity=who,
        avoided_names=tuple(consistency.load_names(consistency.NAMES_FILE.read_text(encoding="utf-8"))),
        texts=texts,
    )


def _generated(settings: Settings, entries: tuple[glossary.Entry, ...] | None, calendar: publish.Build,
               docs: str) -> dict[str, Generated]:
    """Every file the build adds: site path -> what it is made of."""
    out: dict[str, Generated] = {}
    colors = settings.academy.get("colors")
    css = brand.css(dict(colors)) if isinstance(colors, dict) and not brand.check_colors(dict(colors)) else None
    out[brand.CSS_URI] = Generated(brand.CSS_URI, CONFIG, css)
    source = f"{docs}/{glossary.GLOSSARY_FILE}"
    out[glossary.PAGE_URI] = Generated(glossary.PAGE_URI, source, glossary.render_page(list(entries or ())), source)
    for uri, content in calendar.files.items():
        edit = calendar.edit_uris.get(uri)
        out[uri] = Generated(uri, edit or f"{docs}/{publish.PROMOTIONS_DIR}", content, edit)
    out[printable.PRINTABLE_URI] = Generated(printable.PRINTABLE_URI, "")
    for uri in workbooks.site_paths():  # made by hooks/workbooks.py from exercises/data (academy.workbooks)
        out[uri] = Generated(uri, workbooks.DATA_DIR)
    return out


def for_build(config: Any) -> Project:
    """The snapshot of the build that ``config`` (MkDocs' config) belongs to, loaded on first use."""
    project = config.get(_KEY) if hasattr(config, "get") else None
    if project is None:
        root = Path(config.config_file_path).resolve().parent
        texts: dict[str, str | None] = {}
        settings, _ = read_settings(root, texts)
        docs = Path(config.docs_dir).resolve()
        settings = replace(
            settings,
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            docs_dir=docs.relative_to(root).as_posix() if docs.is_relative_to(root) else settings.docs_dir,
        )
        project = load(root, settings=settings)
        config[_KEY] = project
    return project


def forget(config: Any) -> None:
    """Drop the snapshot kept on ``config`` (each build starts from the files on disk)."""
    if hasattr(config, "pop"):
        config.pop(_KEY, None)
