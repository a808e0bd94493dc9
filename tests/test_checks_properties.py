"""Property tests: random Markdown, front matter, notebooks and cohort data never crash the checks,
every problem points inside the file, and a file reads the same from disk (CRLF, byte-order mark)
as from memory, which is what both doors do."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from academy import checks, model, notebooks, scaffold, sitetree, source, talks
from academy.cohorts import rules
from academy.problems import Problem
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_cli import fill

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(__file__).parent / "cases" / "checks" / "repo"
REPO = model.load(SITE)  # read only: pages are parsed from disk, never written
SETTINGS = settings(max_examples=150)  # no deadline: see the « academy » profile in conftest.py

MARKDOWN = st.sampled_from([
    "\n", "\n\n", "    ", "\t", "\r\n", "# ", "## ", "#### ", "Titre", "===", "---", "[", "]", "(", ")", "](", "![", "<",
    ">", "`", "```", "~~~", "{#id}", "{ .md-button }", "{: #x }", "{download}", "*", "**", "_", "|", "| --- |", ":",
    ":   ", "- ", "1. ", "> ", "!!! note", "??? intervenant \"Notes\"", "===+ \"Onglet\"", "<div markdown>", "</div>",
    '<a href="', '<img src="', '" alt="', '">', "</a>", "<!-- ", " -->", "*[RGPD]: r", "[^1]", "[^1]: n", "[x]: ",
    "../", "../../", "guides/exemple.md", "#une-section", "exemple.ipynb", "https://example.org/", "/absolu.md",
    "TODO", "à compléter", "ici", "Une phrase. ", "M. ", "…", "«\u00a0", "\u00a0»", "é", "\x00", "\\", "&amp;", "%20",
    "<!-- academy:notebook absent.ipynb -->",
])
markdown_text = st.lists(st.one_of(MARKDOWN, st.text(max_size=8)), max_size=80).map("".join)

YAML = st.sampled_from([
    "number: ", "title: ", "summary: ", "duration: ", "level: ", "objectives:", "exercises:", "glossary:", "\n", "  - ",
    "Vous saurez ", "débutant", "1", "7", "-3", "1.5", "2020-13-05", "true", "null", "~", "[", "]", "{", "}", ",", ":",
    "'", '"', "&a ", "*a", "!!str ", "!ENV ", "? ", "|", ">", "#", "%", "@", "\t", "01-exemple", "RGPD", "---", "...",
])
yaml_text = st.lists(st.one_of(YAML, st.text(max_size=6)), max_size=60).map("".join)


def all_problems(found: object) -> bool:
    return isinstance(found, list) and all(isinstance(p, Problem) for p in found)


def file_lines(text: str) -> list[str]:
    """The lines an editor shows: broken at CRLF, CR and LF only (U+0085 or U+2028 stay inside a line)."""
    return re.split(r"\r\n|\r|\n", text)


def inside(problems: list[Problem], text: str, path: str) -> bool:
    """Every problem names ``path`` and a line and column that exist in ``text``."""
    assert all_problems(problems)
    lines = file_lines(text)
    for problem in problems:
        assert problem.path == path, problem
        assert 1 <= problem.line <= len(lines), (problem, len(lines))
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, (problem, lines[problem.line - 1])
    return True


def test_inside_refuses_a_position_past_the_end() -> None:
    problem = Problem("x.md", 3, 1, "m", "r")
    with pytest.raises(AssertionError):
        inside([problem], "une ligne\x85deux\n", "x.md")
    assert inside([problem], "a\nb\nc", "x.md")


@SETTINGS
@given(markdown_text, st.sampled_from(["docs/x.md", "talks/09-x/index.md", "exercises/01-exemple/x.md"]))
def test_random_markdown_is_reported_or_passes(text: str, rel: str) -> None:
    uri = sitetree.site_path(rel)
    page = source.read_markdown(text, rel, uri)
    assert inside(checks.check_page(page, REPO), text, rel)


@SETTINGS
@given(markdown_text)
def test_random_html_is_reported_or_passes(text: str) -> None:
    page = source.read_html(text, "docs/x.html", "x.html")
    assert inside(checks.check_page(page, REPO), text, "docs/x.html")


@SETTINGS
@given(yaml_text, markdown_text)
def test_random_front_matter_is_reported_or_passes(meta: str, body: str) -> None:
    text = f"---\n{meta}\n---\n{body}"
    talk, problems = talks.parse_talk(text, "talks/09-x/index.md")
    assert inside(problems, text, "talks/09-x/index.md")
    assert inside(talks.cross_check([talk], {"01-exemple"}, {"RGPD"}), text, "talks/09-x/index.md")
    page = source.read_markdown(text, "talks/09-x/index.md", "talks/09-x/index.md")
    assert inside(checks.check_page(page, REPO), text, "talks/09-x/index.md")


cells = st.lists(st.fixed_dictionaries({
    "cell_type": st.sampled_from(["markdown", "code", "raw", 3]),
    "source": st.one_of(markdown_text, st.lists(markdown_text, max_size=5), st.none()),
    "outputs": st.lists(st.dictionaries(st.text(max_size=3), st.text(max_size=3)), max_size=2),
    "execution_count": st.one_of(st.none(), st.integers()),
}), max_size=6)


@SETTINGS
@given(cells, st.sampled_from([None, 1, 2]))
def test_random_notebooks_are_reported_or_pass(found: list, indent: int | None) -> None:
    text = json.dumps({"cells": found, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=indent, ensure_ascii=False)
    page, data = notebooks.read_notebook(text, "exercises/01-exemple/x.ipynb", "exercises/01-exemple/x.ipynb")
    assert inside(checks.check_page(page, REPO), text, "exercises/01-exemple/x.ipynb")


@SETTINGS
@given(st.text(max_size=200))
def test_random_text_as_a_notebook_is_reported(text: str) -> None:
    page, data = notebooks.read_notebook(text, "exercises/01-exemple/x.ipynb", "exercises/01-exemple/x.ipynb")
    found = checks.check_page(page, REPO)
    assert inside(found, text, "exercises/01-exemple/x.ipynb")
    if data is None:
        assert [p.rule for p in found] == ["notebook"]


SLUGS = {p.parent.name for p in (ROOT / "talks").glob("*/index.md")}
VALID_COHORT = fill(scaffold.new_cohort(ROOT, "2031")[0][1])


@SETTINGS
@given(yaml_text)
@example("!!str number: ")  # a tagged key has no position in ruamel: once a crash
@example("\x0c2020-13-052020-13-05")  # a form feed is no line break for YAML: once a wrong line
def test_random_cohort_text_is_reported(text: str) -> None:
    cohort, problems = rules.parse_cohort(text, "docs/promotions/2030.yml", SLUGS)
    assert inside(problems, text, "docs/promotions/2030.yml")


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12),
                    st.sampled_from(["2020-01-28", "2020-02-30", "19:00", "25:61", "https://example.org/", "a@b.fr",
                                     "06 12 34 56 78", "<script>alert(1)</script>", "01-strategie-digitale"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(["name", "year", "fictional", "sessions", "associations", "volunteers", "date", "start", "end",
                     "place", "video_url", "talk", "description", "website", "use_case", "status", "mentors", "role"]),
    inner, max_size=6), max_leaves=30)


@SETTINGS
@given(values)
def test_random_cohort_data_is_reported(data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    cohort, problems = rules.parse_cohort(text, "docs/promotions/2030.yml", SLUGS)
    assert inside(problems, text, "docs/promotions/2030.yml")


@SETTINGS
@given(st.lists(st.tuples(st.integers(min_value=0), st.one_of(YAML, st.text(max_size=10))), max_size=6))
def test_a_valid_cohort_with_random_edits_is_reported_or_passes(edits: list[tuple[int, str]]) -> None:
    lines = VALID_COHORT.splitlines()
    for index, text in edits:
        lines[index % len(lines)] = text
    text = "\n".join(lines)
    cohort, problems = rules.parse_cohort(text, "docs/promotions/2031.yml", SLUGS)
    assert inside(problems, text, "docs/promotions/2031.yml")


# --- Escaping: data reaches the page as the text it is -------------------------------------

MARKDOWN_EXTENSIONS = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["markdown_extensions"]
data_text = st.lists(st.sampled_from([
    "<", ">", "&", '"', "'", "<b>", "</b>", "<script>alert(1)</script>", "&amp;", "&lt;", "*", "**", "_", "`", "#", "[", "]",
    "(", ")", "[x](javascript:alert(1))", "![a](b.png)", "\\", "|", "~", "+", "-", ".", "!", "{", "}", "{: #x }", ":",
    "a", "é", "Données", "RGPD", " ", "\u00a0", "«", "»", "’", "—", "…",
]), min_size=1, max_size=12).map("".join).map(lambda s: " ".join(s.split())).filter(bool)


def rendered_text(markdown_source: str) -> str:
    import markdown as python_markdown
    from bs4 import BeautifulSoup

    extensions = [e if isinstance(e, str) else next(iter(e)) for e in MARKDOWN_EXTENSIONS]
    html = python_markdown.markdown(markdown_source, extensions=[e for e in extensions if e != "toc"])
    return BeautifulSoup(html, "html.parser").get_text()


@settings(max_examples=200)
@given(data_text)
def test_markdown_escaping_round_trips(value: str) -> None:
    from academy import escaping

    assert rendered_text(f"Avant {escaping.markdown_text(value)} après").strip() == f"Avant {value} après"


@settings(max_examples=200)
@given(data_text)
def test_html_escaping_round_trips(value: str) -> None:
    from academy import escaping
    from bs4 import BeautifulSoup
    from jinja2 import Environment

    shown = Environment(autoescape=False).from_string('<p title="{{ v | e }}">{{ v }}</p>').render(v=escaping.html_text(value))
    tag = BeautifulSoup(shown, "html.parser").p
    assert tag.get_text() == value and tag["title"] == value
