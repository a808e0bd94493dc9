"""Content contracts: each talk keeps its parts; the glossary and the kit stay complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from academy import checks, frontmatter, glossary, talks
from conftest import ROOT

TALKS = talks.talk_paths(ROOT)
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")


def section(body: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}.*?$(?P<text>.*?)(?=^## |\Z)", body, re.M | re.S)
    assert match, f"section « {title} » absente"
    return match["text"]


def test_six_talks() -> None:
    assert [p.parent.name[:2] for p in TALKS] == ["01", "02", "03", "04", "05", "06"]


@pytest.fixture(scope="module")
def advice() -> list[str]:
    """Every problem of the real talks, advice included, from the engine's rules (academy.registry)."""
    found = checks.check_repository(ROOT, [ROOT / "talks"])
    return [str(p) for p in found if p.rule in {"talk-sections", "plain-language", "image-alt", "front-matter"}]


def test_talks_have_every_part_and_meet_the_plain_language_targets(advice: list[str]) -> None:
    """The eight parts in order, what they hold, figures' alternative texts, plain language: the rules' own."""
    assert advice == []


@pytest.mark.parametrize("path", TALKS, ids=lambda p: p.parent.name)
def test_talk_figure_is_an_accessible_svg(path: Path) -> None:
    body = frontmatter.split(path.read_text(encoding="utf-8")).body
    figures = [m for m in IMAGE.finditer(body) if not m["src"].startswith("http")]
    assert figures, "aucune figure"
    for match in figures:  # their alternative texts: the image-alt rule (test above)
        source = path.parent / match["src"]
        assert source.is_file(), source
        if source.suffix == ".svg":
            svg = source.read_text(encoding="utf-8")
            assert "<title" in svg and "viewBox" in svg
            assert "http://" not in svg.replace("http://www.w3.org/", "")


@pytest.mark.parametrize("path", TALKS, ids=lambda p: p.parent.name)
def test_talk_links_its_existing_exercises(path: Path) -> None:
    talk, problems = talks.parse_talk(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    assert problems == []
    body = frontmatter.split(path.read_text(encoding="utf-8")).body
    next_step = section(body, "Exercice à faire ensuite")
    for slug in talk.meta.exercises:
        assert (ROOT / "exercises" / slug / "index.md").is_file()
        assert f"../../exercises/{slug}/index.md" in next_step


def test_glossary_terms_are_unique_and_enough() -> None:
    entries, problems = glossary.load((ROOT / "docs/glossaire.yml").read_text(encoding="utf-8"), "docs/glossaire.yml")
    assert problems == []
    assert len(entries) >= 40
    keys = [glossary.sort_key(e.term) for e in entries]
    assert len(keys) == len(set(keys))


def test_glossary_duplicate_is_reported_with_its_line() -> None:
    text = (
        "- term: RGPD\n  definition: Règlement général sur la protection des données.\n"
        "- term: rgpd\n  definition: La même chose écrite autrement, en minuscules.\n"
    )
    _, problems = glossary.load(text, "docs/glossaire.yml")
    assert [str(p) for p in problems] == [
        "docs/glossaire.yml:3:3: [1].term: « rgpd » est déjà défini à l'entrée 0 — fusionnez les deux définitions (glossary)"
    ]


@pytest.mark.slow
def test_every_glossary_term_shows_as_a_tooltip(site: Path) -> None:
    entries, _ = glossary.load((ROOT / "docs/glossaire.yml").read_text(encoding="utf-8"), "docs/glossaire.yml")
    pages = [p for p in site.rglob("*.html") if "glossaire" not in p.parts]
    shown = set()
    for page in pages:
        shown.update(re.findall(r"<abbr title=\"[^\"]*\">([^<]+)</abbr>", page.read_text(encoding="utf-8")))
    missing = [e.term for e in entries if not set(glossary.forms(e)) & shown]
    assert missing == []


KIT = ROOT / "docs/playbook/kit/modeles"


@pytest.mark.slow
def test_every_kit_template_is_downloadable(site: Path) -> None:
    kit_page = (site / "playbook/kit/index.html").read_text(encoding="utf-8")
    templates = sorted(p.name for p in KIT.iterdir())
    assert len(templates) >= 7
    for name in templates:
        assert re.search(rf'<a (?=[^>]*\bdownload\b)[^>]*href="modeles/{re.escape(name)}"', kit_page), name
        assert (site / "playbook/kit/modeles" / name).read_bytes() == (KIT / name).read_bytes()
