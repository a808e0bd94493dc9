"""Content contracts: each talk keeps its parts; the glossary and the kit stay complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from academy import frontmatter, glossary, talks
from conftest import ROOT

TALKS = talks.talk_paths(ROOT)
SECTIONS = [
    "Ce que vous saurez faire",
    "Pourquoi c'est important pour votre association",
    "Les notions clés",
    "Exemple suivi",
    "Les erreurs fréquentes",
    "À retenir",
    "Pour aller plus loin",
    "Exercice à faire ensuite",
]
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")


def h2_titles(body: str) -> list[str]:
    return [line[3:].strip() for line in body.splitlines() if line.startswith("## ")]


def section(body: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}.*?$(?P<text>.*?)(?=^## |\Z)", body, re.M | re.S)
    assert match, f"section « {title} » absente"
    return match["text"]


def test_six_talks() -> None:
    assert [p.parent.name[:2] for p in TALKS] == ["01", "02", "03", "04", "05", "06"]


@pytest.mark.parametrize("path", TALKS, ids=lambda p: p.parent.name)
def test_talk_has_every_part_in_order(path: Path) -> None:
    body = frontmatter.split(path.read_text(encoding="utf-8")).body
    titles = [t for t in h2_titles(body) if any(t.startswith(s) for s in SECTIONS)]
    assert [next(s for s in SECTIONS if t.startswith(s)) for t in titles] == SECTIONS
    retenir = section(body, "À retenir")
    assert 1 <= len(re.findall(r"^\s*[-*] ", retenir, re.M)) <= 5
    assert re.search(r"fictif|fictive|inventée?", section(body, "Exemple suivi"), re.I), "l'exemple ne dit pas qu'il est inventé"
    assert re.search(r"^\?\?\?\+? intervenant ", body, re.M), "notes pour l'intervenant absentes"
    assert re.search(r"\]\((?:https?://|\.\./)", section(body, "Pour aller plus loin")), "aucune ressource nommée"


@pytest.mark.parametrize("path", TALKS, ids=lambda p: p.parent.name)
def test_talk_figure_has_alt_text_and_accessible_svg(path: Path) -> None:
    body = frontmatter.split(path.read_text(encoding="utf-8")).body
    figures = [m for m in IMAGE.finditer(body) if not m["src"].startswith("http")]
    assert figures, "aucune figure"
    for match in figures:
        assert len(match["alt"].split()) >= 4, f"texte alternatif trop court : {match['alt']!r}"
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


@pytest.mark.parametrize("path", TALKS, ids=lambda p: p.parent.name)
def test_talk_meets_plain_language_targets(path: Path) -> None:
    from academy import prose, source

    rel = path.relative_to(ROOT).as_posix()
    stats = prose.measure(source.read_markdown(path.read_text(encoding="utf-8"), rel, rel))
    assert stats.words >= prose.TALK_WORDS_MIN
    assert stats.median <= prose.MEDIAN_MAX
    assert stats.long_share < prose.LONG_SHARE_MAX
