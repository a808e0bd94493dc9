"""No glossary tooltip inside a proper noun (« Canal » in « Les Paniers du Canal »)."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from academy import glossary

ENTRIES = [
    glossary.Entry(term="canal", definition="Moyen de contact entre votre association et un public."),
    glossary.Entry(term="RGPD", definition="Règlement général sur la protection des données."),
]
CAPITALISED = glossary.capitalised_forms(ENTRIES)


def render(text: str) -> str:
    html = markdown.markdown(f"{text}\n\n{glossary.abbreviations(ENTRIES)}\n", extensions=["abbr", "tables"])
    return glossary.untip_proper_nouns(html, CAPITALISED)


def test_only_capitalised_forms_of_lowercase_terms_are_candidates() -> None:
    assert frozenset({"Canal"}) == CAPITALISED


@pytest.mark.parametrize("text", [
    "Les Paniers du Canal aident les familles.",
    "Les Jardins partagés du\u00a0Canal ouvrent le samedi.",
    "Rendez-vous aux Jardins du Canal, à 10 heures.",
])
def test_no_tooltip_inside_a_proper_noun(text: str) -> None:
    out = render(text)
    assert "<abbr" not in out and "Canal" in out


@pytest.mark.parametrize(("text", "tips"), [
    ("Canal : le moyen de contact.", 1),  # start of a paragraph
    ("Un mot. Canal est au début d'une phrase.", 1),
    ("Choisissez un canal, puis un autre canal.", 2),  # the lowercase word keeps its tooltip
    ("| Terme |\n| --- |\n| Canal |", 1),  # start of a table cell
    ("Le RGPD s'applique, même au RGPD des Paniers.", 2),  # a term written in capitals stays
])
def test_tooltips_stay_everywhere_else(text: str, tips: int) -> None:
    assert render(text).count("<abbr") == tips


@pytest.mark.slow
def test_built_site_has_no_tooltip_inside_a_proper_noun(site: Path) -> None:
    page = (site / "guides/rgpd-essentiel/index.html").read_text(encoding="utf-8")
    assert "Paniers du Canal" in page
    assert '">Canal</abbr>' not in page


@pytest.mark.parametrize(("text", "tips"), [
    ("Téléchargez le classeur canal-dons.xlsx, puis lisez le RGPD.", 1),  # the file name loses its tip
    ("Le fichier dons-canal.csv et le fichier RGPD.csv.", 0),
    ("Le [classeur canal_dons](canal_dons.xlsx) se télécharge ici.", 0),
    ("Choisissez un canal. Le RGPD, lui, s'applique.", 2),  # a full stop then a space ends a sentence
])
def test_no_tooltip_inside_a_file_name(text: str, tips: int) -> None:
    assert glossary.untip_names(render(text)).count("<abbr") == tips


@pytest.mark.slow
def test_built_site_has_no_tooltip_inside_a_file_name(site: Path) -> None:
    inside = re.compile(r"</abbr>[-_.]\w|\w[-_/]<abbr ")
    assert [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html")) if inside.search(p.read_text(encoding="utf-8"))] == []
