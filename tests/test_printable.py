"""The printable playbook (academy.printable) and the PDF job list (academy.pdf)."""

from __future__ import annotations

from pathlib import Path

import pytest
from academy.pdf import PLAYBOOK_PAGE, jobs
from academy.printable import Source, page_title, printable_page, section_id, slugify
from bs4 import BeautifulSoup

CITATION = "[^1]: Article de fifty-five, 4 juin 2020."


def page(uri: str, body: str, title: str = "Un titre") -> Source:
    return Source(uri, f"---\ntitle: {title}\n---\n\n{body}")


def test_sections_titles_and_demoted_headings() -> None:
    text = printable_page([
        page("playbook/index.md", "## Pourquoi\n\nTexte.\n\n### Détail\n", "Accueil du playbook"),
        page("playbook/pratiques/recruter.md", "## Étape 1 : choisir\n", "Recruter"),
    ])
    assert "title: Le playbook en une seule page" in text
    assert "Version imprimable du playbook" in text
    assert "exclude: true" in text  # not twice in the search results
    assert "1. [Accueil du playbook](#playbook)" in text
    assert "## Accueil du playbook { #playbook }" in text
    assert "### Pourquoi { #playbook--pourquoi }" in text
    assert "#### Détail { #playbook--detail }" in text
    assert "## Recruter { #playbook-pratiques-recruter }" in text
    assert "### Étape 1 : choisir { #playbook-pratiques-recruter--etape-1-choisir }" in text


def test_links_point_to_sections_or_are_re_rooted() -> None:
    body = (
        "Voir [le kit](../kit/index.md), [une étape](../index.md#pourquoi), [ici même](#plus-bas),\n"
        "[un guide](../../guides/rgpd-essentiel.md), [un modèle](../kit/modeles/charte.txt){download},\n"
        "![Un schéma](schema.svg), [la CNIL](https://www.cnil.fr/) et `[pas un lien](code.md)`.\n"
        "\n[ref]: ../copier.md\n"
    )
    text = printable_page([
        page("playbook/index.md", "## Pourquoi\n"),
        page("playbook/kit/index.md", "Le kit.\n"),
        page("playbook/copier.md", "Copier.\n"),
        page("playbook/pratiques/cadrer.md", body),
    ])
    assert "[le kit](#playbook-kit)" in text
    assert "[une étape](#playbook--pourquoi)" in text
    assert "[ici même](#playbook-pratiques-cadrer--plus-bas)" in text
    assert "[un guide](../guides/rgpd-essentiel.md)" in text
    assert "[un modèle](kit/modeles/charte.txt){download}" in text
    assert "![Un schéma](pratiques/schema.svg)" in text
    assert "[la CNIL](https://www.cnil.fr/)" in text
    assert "`[pas un lien](code.md)`" in text
    assert "[ref]: #playbook-copier" in text


def test_code_blocks_are_left_alone() -> None:
    text = printable_page([page("playbook/copier.md", "```yaml\n# pas un titre\nlien: [a](b.md)\n```\n")])
    assert "# pas un titre\nlien: [a](b.md)" in text


def test_footnotes_get_page_labels_and_identical_ones_are_merged() -> None:
    text = printable_page([
        page("playbook/index.md", f"Un chiffre[^1].\n\n{CITATION}\n"),
        page("playbook/histoire.md", f"Un autre[^1], et une note[^2].\n\n{CITATION}\n[^2]: Une note propre à la page.\n"),
    ])
    assert text.count("[^playbook-1]:") == 1
    assert "Un autre[^playbook-1]" in text
    assert "une note[^playbook-histoire-2]" in text
    assert "[^playbook-histoire-2]: Une note propre à la page." in text


def test_the_printable_page_is_not_included_in_itself() -> None:
    text = printable_page([page("playbook/index.md", "Texte.\n"), page("playbook/imprimer.md", "Moi-même.\n")])
    assert "Moi-même" not in text


def test_titles_and_ids() -> None:
    assert page_title(Source("playbook/x.md", "# Titre dans le texte\n")) == "Titre dans le texte"
    assert page_title(Source("playbook/cadre-legal.md", "Pas de titre.\n")) == "Cadre legal"
    assert section_id("playbook/pratiques/index.md") == "playbook-pratiques"
    assert slugify("À qui s'adresse ce playbook ?") == "a-qui-sadresse-ce-playbook"


def test_pdf_jobs_list_talks_then_playbook(tmp_path: Path) -> None:
    for rel in ("talks/index.html", "talks/02-b/index.html", "talks/01-a/index.html", f"{PLAYBOOK_PAGE}index.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("<h1>x</h1>", encoding="utf-8")
    found = jobs(tmp_path, tmp_path / "pdf")
    assert [(j.path, j.output.name) for j in found] == [
        ("talks/01-a/", "01-a.pdf"),
        ("talks/02-b/", "02-b.pdf"),
        (PLAYBOOK_PAGE, "playbook.pdf"),
    ]


@pytest.mark.slow
def test_built_printable_playbook(site: Path) -> None:
    """Every playbook page of the real site is a section of playbook/imprimer/."""
    html = BeautifulSoup((site / "playbook/imprimer/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Version imprimable du playbook" in html.get_text()  # glossary terms become <abbr>
    sections = [h2["id"] for h2 in html.find_all("h2", id=True) if h2["id"].startswith("playbook")]
    assert "playbook" in sections and "playbook-histoire" in sections
    assert len(sections) == len(set(sections))


@pytest.mark.slow
def test_printable_playbook_holds_every_playbook_page(site: Path) -> None:
    html = BeautifulSoup((site / "playbook/imprimer/index.html").read_text(encoding="utf-8"), "html.parser")
    ids = {tag["id"] for tag in html.find_all(id=True)}
    docs = Path(__file__).resolve().parent.parent / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in (docs / "playbook").rglob("*.md"))
    assert len(pages) >= 12
    missing = [uri for uri in pages if section_id(uri) not in ids]
    assert missing == []
