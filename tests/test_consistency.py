"""One story across pages: the date-format and session-duration rules, through both doors.

The failing fixtures say what they expect: ``tests/cases/checks/fail/date-format.md`` (its
``<!-- expect: -->`` lines, also run by test_checks.py) and
``tests/cases/consistency/session-duration.yml`` (its ``# expect:`` line). Each message
must come out exactly the same from ``academy check`` and from the strict build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from academy import cli, consistency, source
from conftest import TINY_TALK, build_site
from mkdocs.exceptions import Abort

CASES = Path(__file__).parent / "cases"
DURATION_CASE = CASES / "consistency" / "session-duration.yml"
DATE_CASE = CASES / "checks" / "fail" / "date-format.md"
SLUGS = ["01-strategie-digitale", "02-donateurs-benevoles", "03-parcours-site-web", "04-campagnes-de-dons",
         "05-reseaux-sociaux", "06-piloter-par-la-donnee"]
HOOKS = ("mount", "glossary", "cohorts", "checks", "nav")


def talk(number: int, duration: int, split: bool = False) -> str:
    text = TINY_TALK.replace("number: 1", f"number: {number}").replace("duration: 90", f"duration: {duration}")
    return text.replace("level:", "split: true\nlevel:") if split else text


def expectations(path: Path) -> list[str]:
    return re.findall(r"(?:<!-- |# )expect: (.*?)(?: -->)?$", path.read_text(encoding="utf-8"), re.MULTILINE)


@pytest.fixture
def repository(tiny_site) -> Path:
    """A tiny academy whose six talks match the cohort; talks 5 and 6 last 150 minutes, 5 is split."""
    files = {f"talks/{slug}/index.md": talk(n, 120) for n, slug in enumerate(SLUGS, start=1)}
    files[f"talks/{SLUGS[4]}/index.md"] = talk(5, 150, split=True)
    files[f"talks/{SLUGS[5]}/index.md"] = talk(6, 150)
    files["talks/01-test/index.md"] = ""  # the default tiny talk is replaced by the six above
    files["docs/promotions/2030.yml"] = DURATION_CASE.read_text(encoding="utf-8")
    files["docs/cas/date-format.md"] = re.sub(r"<!-- expect: .*? -->", "", DATE_CASE.read_text(encoding="utf-8"))
    files["docs/index.md"] = "---\ntitle: Accueil\n---\n\nBienvenue. Voir [le talk](talks/01-strategie-digitale/index.md).\n"
    root = tiny_site(files, hooks=HOOKS)
    (root / "talks/01-test/index.md").unlink()
    (root / "talks/01-test").rmdir()
    return root


EXPECTED = expectations(DURATION_CASE) + expectations(DATE_CASE)


def test_fixtures_expect_one_problem_of_each_rule() -> None:
    assert [m.rsplit("(", 1)[1] for m in EXPECTED] == ["session-duration)", "date-format)", "date-format)"]


def test_academy_check_reports_both_rules(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(repository), "check"]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert [line for line in printed if line.endswith(("(session-duration)", "(date-format)"))] == sorted(EXPECTED)


@pytest.mark.slow
def test_strict_build_reports_both_rules(repository: Path, tmp_path: Path, mkdocs_warnings) -> None:
    with pytest.raises(Abort):
        build_site(repository / "mkdocs.yml", tmp_path / "out")
    found = [m for m in mkdocs_warnings() if m.endswith(("(session-duration)", "(date-format)"))]
    assert sorted(found) == sorted(EXPECTED)


def test_a_long_enough_or_split_session_is_silent() -> None:
    text = DURATION_CASE.read_text(encoding="utf-8").replace('end: "21:00"\n    # expect', 'end: "21:30"\n    # expect')
    from academy.cohorts import rules

    cohort, problems = rules.parse_cohort(text, "docs/promotions/2030.yml", set(SLUGS))
    assert cohort is not None and problems == []
    lengths = {slug: consistency.TalkLength(120) for slug in SLUGS}
    lengths[SLUGS[4]] = consistency.TalkLength(150, split=True)
    lengths[SLUGS[5]] = consistency.TalkLength(150)
    assert consistency.check_session_durations("x.yml", text, cohort.data.sessions, lengths) == []
    lengths[SLUGS[4]] = consistency.TalkLength(150)
    assert [p.line for p in consistency.check_session_durations("x.yml", text, cohort.data.sessions, lengths)] == [28]


@pytest.mark.parametrize(("text", "found"), [
    ("le 15/03/2024", ["15/03/2024"]),
    ("le 1.2.2024 et le 31-12-2024", ["1.2.2024", "31-12-2024"]),
    ("le 2024-03-15, la version 1.2.3, le ratio 3/4, l'adresse /2024/03/15/", []),
    ("un score de 45/60/2024 n'est pas une date", []),
])
def test_numeric_dates_found(text: str, found: list[str]) -> None:
    page = source.read_markdown(f"{text}\n", "x.md", "x.md")
    assert [p.message.split("»")[0].split("«")[1].strip() for p in consistency.check_date_format(page)] == found


def test_real_names_only_as_proper_nouns() -> None:
    names = consistency.load_names(consistency.NAMES_FILE.read_text(encoding="utf-8"))
    assert [n for _, n, _ in consistency.find_names("une banque alimentaire du quartier", names)] == []
    assert [w for _, _, w in consistency.find_names("Les Restos du Cœur et la Croix-Rouge", names)] == [
        "Restos du Cœur", "Croix-Rouge"]


def test_the_site_names_no_real_organisation_as_an_example() -> None:
    """The real repository: no page, notebook or cohort file uses a name to avoid.

    The registry's functions of these three rules run over every page and the project, as
    ``academy check`` runs them, and nothing else: no notebook is executed (that is the slow suite's).
    """
    root = Path(__file__).resolve().parent.parent
    from academy import checks, model, registry

    wanted = {"real-name", "date-format", "session-duration"}
    project = model.load(root)
    functions = {(r.page, r.check) for r in registry.RULES.values() if r.id in wanted}
    problems = [p for page, check in functions if not page for p in check(project)]
    for uri, _ in checks.page_sources(project):
        if (page := project.page(uri)) is not None:
            problems += [p for on_page, check in functions if on_page for p in check(page, project)]
    assert sorted(str(p) for p in problems if p.rule in wanted) == []


# --- Jargon: « talk », « notebook », « playbook » explained where a reader first meets them ----

# The glossary page defines the words: not read for first uses, but checked entry by entry (academy.jargon's
# docstring says why; test_the_glossary_explains_each_jargon_word).
GLOSSARY_PAGE = "glossaire.md"


def reader_pages() -> list[tuple[str, str, str]]:
    """(repository path, site path, Markdown as the reader gets it) of every page of this site."""
    from academy import model, pages
    from academy.checks import page_sources
    from academy.cohorts import publish
    from conftest import ROOT

    project = model.load(ROOT)
    found = []
    for uri, rel in page_sources(project):
        text = project.text(rel) or ""
        if rel.endswith(".ipynb"):
            found.append((rel, uri, text))
            continue
        text = publish.decorate(uri, text, project.calendar) or text  # the talk's dates, the home page's session
        text = pages.notebook_links(text, uri, project.identity.repo_url, project.identity.branch)  # the notebook buttons
        found.append((rel, uri, text))
    for uri, made in project.generated.items():
        if uri.endswith(".md") and isinstance(made.content, str) and uri != GLOSSARY_PAGE:
            found.append((made.source, uri, made.content))  # cohort pages, the cohorts' index, the printable playbook
    return found


def test_jargon_is_explained_where_readers_first_meet_it() -> None:
    from academy import jargon, notebooks, source

    problems = []
    for rel, uri, text in reader_pages():
        page = notebooks.read_notebook(text, rel, uri)[0] if rel.endswith(".ipynb") else source.read_markdown(text, rel, uri)
        problems += [f"{uri}: {p}" for p in jargon.first_uses(page, text)]
    assert problems == []


def test_the_glossary_explains_each_jargon_word() -> None:
    from academy import jargon
    from conftest import ROOT

    assert jargon.glossary_problems((ROOT / "docs/glossaire.yml").read_text(encoding="utf-8"), "docs/glossaire.yml") == []
    bad = ('- term: "talk"\n  definition: "Le moment qui ouvre chaque soirée du programme, avant le mentorat."\n'
           '- term: "booléen"\n  definition: "Une valeur vraie ou fausse, comme dans votre cas d\'usage data du moment."\n')
    assert [str(p) for p in jargon.glossary_problems(bad, "docs/glossaire.yml")] == [
        "docs/glossaire.yml:1:1: la définition de « talk » ne l'explique pas — dites ce que c'est avec « présentation » ou « exposé » (jargon)",
        "docs/glossaire.yml:1:1: pas d'entrée « notebook » dans le glossaire — ajoutez-en une qui l'explique, par exemple"
        " « un notebook, un document qui mêle explications, calculs et graphiques » (jargon)",
        "docs/glossaire.yml:1:1: pas d'entrée « playbook » dans le glossaire — ajoutez-en une qui l'explique, par exemple"
        " « le playbook, le guide pour lancer un programme » (jargon)",
        "docs/glossaire.yml:4:61: « cas d'usage data » dans le glossaire — écrivez « cas d'usage » (jargon)",
    ]


def test_jargon_check_reports_first_uses_in_text_and_in_presenter_notes() -> None:
    from academy import jargon

    text = ("---\ntitle: Un talk\n---\n\nChaque soirée commence par un talk, puis le mentorat.\n\n"
            "Un notebook, un document qui mêle explications et calculs. Le notebook se relit.\n\n"
            "Votre premier cas d'usage data tient sur une page.\n\n"
            '??? intervenant "Notes pour l\'intervenant"\n    Prévoyez 45 minutes de talk et ouvrez le playbook.\n')
    assert [str(p) for p in jargon.check_markdown(text, "docs/x.md", "x.md")] == [
        "docs/x.md:5:31: premier emploi de « talk » sans explication — expliquez-le dans la même phrase, par exemple"
        " « un talk, une courte présentation sur un thème » (jargon)",
        "docs/x.md:9:15: premier emploi de « cas d'usage data » sans explication — écrivez « cas d'usage » (jargon)",
        "docs/x.md:12:28: premier emploi de « talk » sans explication — expliquez-le dans la même phrase, par exemple"
        " « un talk, une courte présentation sur un thème » (jargon)",
        "docs/x.md:12:46: premier emploi de « playbook » sans explication — expliquez-le dans la même phrase, par exemple"
        " « le playbook, le guide pour lancer un programme » (jargon)",
    ]


def test_one_story_for_true_and_false() -> None:
    """The CSV files write True/False, the workbooks show VRAI/FAUX, the notebooks' tables oui/non: each place says so."""
    import json

    from academy import glossary
    from conftest import ROOT

    entries = {e.term: e for e in glossary.load((ROOT / "docs/glossaire.yml").read_text(encoding="utf-8"), "docs/glossaire.yml")[0]}
    definition = entries["booléen"].definition
    assert all(word in definition for word in ("True", "False", "VRAI", "FAUX", "oui", "non")), definition
    for notebook in sorted((ROOT / "exercises").glob("*/*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        prose = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        if '{True: "oui", False: "non"}' in code:  # its tables show booleans as oui/non
            assert "`True` (vrai)" in prose and "\u00a0oui\u00a0»" in prose, notebook.name


def test_new_talks_and_exercises_start_with_the_jargon_explained(tmp_path) -> None:
    """``academy new talk`` writes a skeleton whose « talk » is explained, text and presenter notes."""
    import shutil

    from academy import cli, jargon, source
    from conftest import ROOT

    for rel in ("mkdocs.yml", "talks/01-strategie-digitale/index.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    assert cli.main(["--root", str(tmp_path), "new", "talk", "Un nouveau thème"]) == cli.OK
    made = sorted(p for p in [*tmp_path.glob("talks/*/index.md"), *tmp_path.glob("exercises/*/index.md")] if "01-strat" not in str(p))
    assert len(made) == 2  # the talk and its exercise
    for page in made:
        rel = page.relative_to(tmp_path).as_posix()
        text = page.read_text(encoding="utf-8")
        assert jargon.first_uses(source.read_markdown(text, rel, rel), text) == [], rel
