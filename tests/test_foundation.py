"""The foundation: tiny sites prove the hooks, the real site builds strictly, CI calls make."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, tree_state
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


def test_build_writes_nothing_into_the_source_tree(site: Path, source_tree_before_build: dict[str, tuple[int, int]]) -> None:
    assert (site / "index.html").is_file()
    assert tree_state(ROOT) == source_tree_before_build, "the build added, changed or removed a file of the repository"


def test_tree_state_sees_a_written_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    before = tree_state(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/x.html").write_text("x", encoding="utf-8")
    assert tree_state(tmp_path) != before


# Elements and attributes that make the browser fetch something when the page loads.
LOADING = {"script": ("src",), "link": ("href",), "img": ("src", "srcset"), "iframe": ("src",),
           "source": ("src", "srcset"), "audio": ("src",), "video": ("src", "poster"), "embed": ("src",)}
NOT_LOADED = {"canonical", "alternate", "author", "license"}  # <link rel> values the browser does not fetch
CSS_URL = re.compile(r"""url\(\s*["']?(https?:)?//""", re.I)


def loaded_urls(html: str) -> list[str]:
    """Every URL the page's elements make the browser load."""
    urls = []
    for tag in BeautifulSoup(html, "html.parser").find_all(list(LOADING)):
        if tag.name == "link" and NOT_LOADED & set(tag.get("rel") or []):
            continue
        for attr in LOADING[tag.name]:
            value = tag.get(attr) or ""
            urls += [part.split()[0] for part in value.split(",") if part.strip()] if attr == "srcset" else [value]
    return [url for url in urls if url]


def test_loaded_urls_reads_the_elements() -> None:
    html = ('<link rel="canonical" href="https://a.example/"><link rel="stylesheet" href="https://b.example/x.css">'
            '<img srcset="https://c.example/1.png 1x, d.png 2x" alt=""><script src="e.js"></script><a href="https://f.example/">f</a>')
    assert loaded_urls(html) == ["https://b.example/x.css", "https://c.example/1.png", "d.png", "e.js"]


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    offenders = []
    for page in site.rglob("*.html"):
        for url in loaded_urls(page.read_text(encoding="utf-8")):
            if url.startswith(("http://", "https://", "//")):
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
    assert "needs.test.outputs.branch" in deploy["if"]  # the published branch, from mkdocs.yml (test_workflow)
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key « on » as True


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
    home = BeautifulSoup((tmp_path / "out/index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title.string == "Accueil - Academie Exemple"
    assert home.find("img", src="assets/mon-logo.svg") is not None
    contact = home.find("a", href="https://example.org/contact")
    assert contact is not None and contact.get("title") == "Contacter Exemple SA"
    assert "--md-primary-fg-color: #1b4f72;" in (tmp_path / "out/assets/colors.css").read_text(encoding="utf-8")
