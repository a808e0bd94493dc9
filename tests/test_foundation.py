"""The foundation: tiny sites prove the hooks, the real site builds strictly, CI calls make."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site
from mkdocs.exceptions import Abort

pytestmark = pytest.mark.slow


def test_talk_outside_docs_is_mounted(tiny_site, tmp_path: Path, mkdocs_warnings) -> None:
    root = tiny_site()
    build_site(root / "mkdocs.yml", tmp_path / "out")
    page = (tmp_path / "out" / "talks" / "01-test" / "index.html").read_text(encoding="utf-8")
    assert "Lire une page montée depuis le dossier talks" in page
    assert '<html lang="fr"' in page
    assert not (root / "docs" / "talks").exists(), "nothing is copied into docs/"
    assert mkdocs_warnings() == []


def test_broken_front_matter_fails_strict_build_with_location(tiny_site, tmp_path: Path, mkdocs_warnings) -> None:
    broken = (ROOT / "tests/cases/front-matter/wrong-fields.md").read_text(encoding="utf-8")
    root = tiny_site({"talks/01-test/index.md": broken})
    with pytest.raises(Abort):
        build_site(root / "mkdocs.yml", tmp_path / "out")
    warnings = mkdocs_warnings()
    assert "talks/01-test/index.md:2:1: number: valeur trop grande — donnez une valeur d'au plus 6 (front-matter)" in warnings
    assert "talks/01-test/index.md:14:1: tags: champ inconnu — vérifiez l'orthographe ou supprimez-le (front-matter)" in warnings
    # Every problem is listed before the build stops, not only the first.
    assert len([w for w in warnings if "(front-matter)" in w]) == 6


def test_inaccessible_colour_fails_the_build(tiny_site, tmp_path: Path, mkdocs_warnings) -> None:
    root = tiny_site()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        'colors: {primary: "#1f5f5b", accent: "#8a4b00"}', 'colors:\n      primary: "#8fd3cf"\n      accent: "#8a4b00"'
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.raises(Abort):
        build_site(root / "mkdocs.yml", tmp_path / "out")
    assert mkdocs_warnings() == [
        "mkdocs.yml:13:7: extra.academy.colors.primary: « #8fd3cf » donne un contraste de 1.46:1 pour les onglets de"
        " navigation (opacité 0,7) en thème clair, et 6 autre(s) paire(s), il faut au moins 4.5:1 (WCAG AA)"
        " — essayez « #3d5b59 », la couleur la plus proche qui passe partout (brand)"
    ]


def test_real_site_builds_in_french(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in home
    talk = site / "talks" / "01-strategie-digitale" / "index.html"
    assert talk.is_file()
    assert "Définir sa stratégie digitale" in talk.read_text(encoding="utf-8")


def test_build_writes_nothing_into_the_source_tree(site: Path) -> None:
    assert not (ROOT / "site").exists() or site != ROOT / "site"
    assert not list((ROOT / "docs").rglob("*.html"))
    assert not list((ROOT / "talks").rglob("*.html"))


# Attributes that make the browser fetch something when the page loads.
LOADED = re.compile(r"""<(?:script|link|img|iframe|source|audio|video|embed)\b[^>]*?\b(?:src|href|srcset|poster)=["']([^"']+)""", re.I)
CSS_URL = re.compile(r"""url\(\s*["']?(https?:)?//""", re.I)


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    offenders = []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for url in LOADED.findall(html):
            tag_is_link = False
            if url.startswith(("http://", "https://", "//")):
                # <link rel="canonical"> and rel="alternate" are not loaded; everything else is.
                context = html[max(0, html.find(url) - 120) : html.find(url)]
                tag_is_link = re.search(r"""rel=["'](?:canonical|alternate|author|license)["']""", context) is not None
                if not tag_is_link:
                    offenders.append(f"{page.relative_to(site)}: {url}")
    for sheet in site.rglob("*.css"):
        if CSS_URL.search(sheet.read_text(encoding="utf-8")):
            offenders.append(f"{sheet.relative_to(site)}: url() to another host")
    assert offenders == []
    for host in ("fonts.googleapis.com", "fonts.gstatic.com", "unpkg.com", "jsdelivr.net", "cdnjs.cloudflare.com"):
        assert not [p for p in site.rglob("*.html") if host in p.read_text(encoding="utf-8")], host


def test_github_workflow_runs_the_makefile() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any("make test" in run for run in steps)
    assert any("make pdf" in run for run in steps)  # the strict build, with the PDF handouts
    deploy = workflow["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])
    assert workflow[True]["pull_request"] is None or "pull_request" in str(workflow[True])


def test_ci_script_installs_and_runs_make_test() -> None:
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "make test" in script
    assert "chromium" in script


def test_name_logo_and_contact_come_from_one_block(tiny_site, tmp_path: Path) -> None:
    root = tiny_site()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        'colors: {primary: "#1f5f5b", accent: "#8a4b00"}',
        'name: Academie Exemple\n    logo: assets/mon-logo.svg\n    organisation: Exemple SA\n'
        '    contact_url: https://example.org/contact\n    colors: {primary: "#1b4f72", accent: "#8a4b00"}',
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "docs/assets").mkdir(parents=True)
    (root / "docs/assets/mon-logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    build_site(root / "mkdocs.yml", tmp_path / "out")
    home = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert "<title>Accueil - Academie Exemple</title>" in home
    assert 'src="assets/mon-logo.svg"' in home
    assert 'href="https://example.org/contact"' in home and "Contacter Exemple SA" in home
    assert "--md-primary-fg-color: #1b4f72;" in (tmp_path / "out/assets/colors.css").read_text(encoding="utf-8")
