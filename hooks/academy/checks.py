"""The checking engine: every rule, registered in ``academy.registry``, over one ``Project``.

``check_project`` runs every registered rule over a loaded project and returns every
problem, sorted. The build (``hooks/checks.py``) and ``academy check`` (``check_repository``)
both call it, so both report the same problems at the same places. Nothing here imports
MkDocs. The rules below are thin: each calls the module that knows its subject.

A module that registers rules of its own is imported here (``RULE_MODULES``), so that
loading this module fills the registry.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable
from pathlib import Path

from academy import (
    consistency,
    extra_academy,
    figures,
    identity,
    incremental,
    links,
    model,
    notebooks,
    prose,
    reading,
    registry,
    structure,
    talks,
)
from academy.cohorts.publish import PROMOTIONS_DIR
from academy.parsed import Page
from academy.problems import Problem, Severity
from academy.registry import rule

# Modules whose @rule functions join the registry (add yours here; see CONTRIBUTING.md).
RULE_MODULES: tuple[str, ...] = ("academy.notebook_data", "academy.execute", "academy.published", "academy.markers",
                                 "academy.menu")
CHECKED_SUFFIXES = (".md", ".ipynb", ".html")
PAGES = "pages"


# --- Project rules: read the whole project ------------------------------------------------


@rule("front-matter", "l'en-tête YAML des talks et des pages se lit et respecte le modèle", topic="talks")
def check_talks(project: model.Project) -> Iterable[Problem]:
    yield from project.problems.get("talks", ())
    yield from project.problems.get("exercises", ())  # their front matter and its talk (academy.exercises)
    terms = None if project.glossary is None else {entry.term for entry in project.glossary}
    yield from talks.cross_check(project.talks, {e.slug for e in project.exercises}, terms)


@rule("glossary", "le glossaire se lit, sans terme en double", topic="glossary")
def check_glossary(project: model.Project) -> Iterable[Problem]:
    return project.problems.get("glossary", ())


@rule("brand", "le bloc extra.academy est bien écrit (adresses, logo, branche), ses couleurs #rrggbb lisibles (WCAG AA)",
      topic="identity")
def check_brand(project: model.Project) -> Iterable[Problem]:
    found = project.problems.get("identity", ())
    if found or project.settings.academy_shape == model.ABSENT:
        return found  # mkdocs.yml unreadable: its syntax error, nothing else; no extra.academy: the theme's own colours
    return extra_academy.check(project.settings.config_text, project.root)[1]  # shape (MALFORMED), https, logo, colours


@rule("identity", "le bloc d'identité extra.academy d'une copie du site a toutes ses valeurs, des adresses en https",
      topic="identity")
def check_identity(project: model.Project) -> Iterable[Problem]:
    return identity.check_block(project.settings.academy)


@rule("cohort-yaml", "chaque fichier de promotion se lit (YAML, UTF-8)", topic="cohorts")
@rule("cohort-schema", "chaque promotion a les champs attendus, bien écrits (dates, heures, adresses)", topic="cohorts")
@rule("cohort-sessions", "six sessions par promotion, dans l'ordre, une par jour et par talk", topic="cohorts")
@rule("cohort-talk", "chaque session présente un talk qui existe dans talks/", topic="cohorts")
@rule("cohort-mentors", "deux ou trois mentors par association, connus, dans une seule association", topic="cohorts")
@rule("cohort-duplicate", "pas d'association ni de bénévole en double dans une promotion", topic="cohorts")
@rule("cohort-contact", "aucune adresse e-mail ni numéro de téléphone dans un fichier de promotion", topic="cohorts")
@rule("cohort-year", "l'année de la promotion est celle de sa première session", topic="cohorts")
def check_cohorts(project: model.Project) -> Iterable[Problem]:
    """Every cohort file's rules, and the links of the pages made from them."""
    yield from project.problems.get("cohorts", ())
    made = [(uri, text, g.source) for uri, g in project.generated.items()
            if uri.endswith(".md") and isinstance(text := g.content, str) and g.source in _cohort_sources(project)]
    made += [(f"talks/{slug}/index.md", text, _folder(project)) for slug, text in project.calendar.talk_dates.items()]
    if project.calendar.current:
        made.append(("index.md", project.calendar.current, _folder(project)))
    for uri, text, source in made:
        page = reading.generated_page(text, source, uri)
        for problem in links.check_links(page, project.site, project.anchors):
            message = f"page générée « {uri} », ligne {problem.line} : {problem.message}"
            yield Problem(source, 1, 1, message, problem.rule)


@rule("session-duration", "chaque session dure au moins le temps de son talk (duration), sauf talk donné en plusieurs"
      " fois (split: true)", topic="cohorts")
def check_session_durations(project: model.Project) -> Iterable[Problem]:
    """Rules across talks and cohorts: each session holds its talk; no real name in cohort data."""
    lengths = {t.slug: consistency.TalkLength(t.meta.duration, t.meta.split) for t in project.talks if t.meta}
    for rel in project.cohort_files:
        yield from consistency.check_real_names_in_data(rel, project.text(rel) or "", project.avoided_names)
    for cohort in project.all_cohorts:
        yield from consistency.check_session_durations(cohort.path, project.text(cohort.path) or "",
                                                       cohort.data.sessions, lengths)


def _folder(project: model.Project) -> str:
    return f"{project.settings.docs_dir}/{PROMOTIONS_DIR}"


def _cohort_sources(project: model.Project) -> set[str]:
    return {*project.cohort_files, _folder(project)}


@rule("svg-parse", "chaque figure SVG (talks/*/*.svg, docs/**/*.svg) se lit", topic="talks")
@rule("svg-number", "les nombres d'une figure SVG n'ont que des caractères simples (pas d'espace insécable)", topic="talks")
@rule("svg-text-overflow", "les textes d'une figure SVG tiennent dans leur cadre", topic="talks")
def check_figures(project: model.Project) -> Iterable[Problem]:
    return figures.check_figures(project.root)  # the hand-written SVG figures (academy.figures)


@rule("visible-markup", "construction seulement : aucune page publiée n'affiche de balise HTML, de règle CSS ou de"
      " code de gabarit comme du texte")
def check_visible_markup(project: model.Project) -> Iterable[Problem]:
    """Listed here for its id and severity; it reads the built HTML, so only hooks/reading.py can run it."""
    return ()


# --- Page rules: one source page at a time ------------------------------------------------


@rule("encoding", "chaque fichier texte est enregistré en UTF-8", page=True)
@rule("notebook", "chaque notebook se lit (JSON valide, format Jupyter)", page=True)
def check_source(page: Page, project: model.Project) -> Iterable[Problem]:
    """What reading the page found (front matter of non-talk pages included)."""
    talk = structure.is_talk(page.uri)
    return [p for p in page.problems if not (talk and p.rule == "front-matter")]  # check_talks reports those


@rule("broken-link", "le fichier visé par un lien existe (page, téléchargement, notebook)", page=True)
@rule("broken-anchor", "l'ancre #… existe dans la page visée (titre, {#id} ou id HTML)", page=True)
@rule("broken-image", "le fichier de l'image existe", page=True)
@rule("absolute-link", "les liens internes sont relatifs, jamais en /…", page=True)
@rule("html-link", "un lien écrit en HTML ne vise pas un fichier .md, que MkDocs ne convertirait pas", page=True)
def check_page_links(page: Page, project: model.Project) -> Iterable[Problem]:
    yield from links.check_links(page, project.site, project.anchors)
    yield from links.check_markers(page, project.site)


@rule("identity-marker", "les marqueurs {{ academy.… }} des pages nomment une valeur connue du bloc d'identité",
      page=True)
def check_identity_markers(page: Page, project: model.Project) -> Iterable[Problem]:
    if page.path.endswith(".ipynb"):
        return []
    return identity.check_markers(project.text(page.path) or "", page.path, project.identity)


@rule("placeholder", "aucun texte provisoire oublié (TODO, FIXME, TBD, lorem ipsum…)", page=True)
def check_placeholders(page: Page, project: model.Project) -> Iterable[Problem]:
    return structure.check_placeholders(page)


@rule("image-alt", "chaque image a un texte de remplacement précis", page=True)
def check_images(page: Page, project: model.Project) -> Iterable[Problem]:
    return structure.check_images(page) + structure.check_figure_alts(page)


@rule("link-text", "le texte d'un lien a du sens seul (pas « ici », « lien », « en savoir plus »)", page=True)
def check_link_texts(page: Page, project: model.Project) -> Iterable[Problem]:
    return structure.check_link_texts(page)


@rule("date-format", "une date s'écrit AAAA-MM-JJ dans un tableur, en toutes lettres dans le texte, jamais JJ/MM/AAAA",
      page=True)
def check_date_format(page: Page, project: model.Project) -> Iterable[Problem]:
    return consistency.check_date_format(page)


@rule("real-name", "les associations, entreprises et personnes fictives ne portent pas le nom d'un vrai organisme",
      page=True)
def check_real_names(page: Page, project: model.Project) -> Iterable[Problem]:
    return consistency.check_real_names(page, project.avoided_names)


@rule("heading-level", "les titres commencent à ## et ne sautent pas de niveau", page=True)
def check_headings(page: Page, project: model.Project) -> Iterable[Problem]:
    return [] if page.path.endswith(".html") else structure.check_headings(page)


@rule("talk-sections", "un talk a les huit parties de CONTRIBUTING.md, dans l'ordre, et ce qu'elles doivent tenir",
      severity=Severity.ADVICE, topic="talks", page=True)
def check_talk_sections(page: Page, project: model.Project) -> Iterable[Problem]:
    if page.path.endswith(".html"):
        return []
    return structure.check_talk_sections(page) + structure.check_talk_contents(page, project.text(page.path) or "")


@rule("plain-language", "phrases courtes (médiane ≤ 18 mots), talks d'au moins 1 800 mots",
      severity=Severity.ADVICE, page=True)
def check_plain_language(page: Page, project: model.Project) -> Iterable[Problem]:
    if page.path.endswith(".html"):
        return []
    first = page.prose[0].line if page.prose else 1
    return prose.advice(prose.measure(page), talk=structure.is_talk(page.uri), first_line=first)


@rule("notebook-outputs", "les notebooks sont enregistrés sans résultats (sorties effacées)", page=True)
def check_notebook_outputs(page: Page, project: model.Project) -> Iterable[Problem]:
    if not page.path.endswith(".ipynb") or not page.notebook:
        return []
    text = project.text(page.path) or ""
    try:
        data = json.loads(text)
    except ValueError:
        return []  # the notebook rule reports it
    return notebooks.output_problems(data, text, page.path) if isinstance(data, dict) else []


for _module in RULE_MODULES:
    importlib.import_module(_module)
RULES = registry.RULES  # complete once this module is imported: every rule, by id


# --- Running them -------------------------------------------------------------------------


def page_sources(project: model.Project, selected: set[str] | None = None) -> list[tuple[str, str]]:
    """(site path, repository path) of every source page to check."""
    return [(uri, rel) for uri, rel in sorted(project.site.files.items())
            if rel and rel.endswith(CHECKED_SUFFIXES) and (selected is None or rel in selected)]


def check_page(page: Page, project: model.Project) -> list[Problem]:
    """Every page rule over one page."""
    return registry.run_page(page, project)


def check_project(project: model.Project, selected: set[str] | None = None, *, external: bool = False) -> list[Problem]:
    """Every registered rule over ``project`` (page rules over the ``selected`` files only), sorted."""
    problems = registry.run(project)
    checked = []
    if external:
        for uri, _ in page_sources(project, selected):
            page = project.page(uri)
            if page is not None:
                checked.append(page)
                problems += registry.run_page(page, project)
    else:
        context = incremental.page_context(project)
        for uri, rel in page_sources(project, selected):
            problems += incremental.page_problems(project, uri, rel, context)
    if external:
        from academy.external import check_external  # only on request: it goes on the network

        problems += check_external(checked)
    if selected is not None:
        problems = [p for p in problems if p.path in selected]
    return sorted(set(problems))


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


def check_repository(root: Path, paths: Iterable[Path] | None = None, external: bool = False) -> list[Problem]:
    """Every problem of the repository at ``root`` (or of ``paths`` in it), sorted by file and line."""
    root = root.resolve()
    selected = expand(root, paths) if paths is not None else None
    return check_project(model.load(root), selected, external=external)
