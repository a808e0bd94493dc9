"""Rendered pages kept between builds (academy.rendered, hooks/caches.py): a warm build converts
no Markdown, gives the same site, and still says what the conversion said."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from academy import rendered
from conftest import HOOKS, ROOT, TINY_CONFIG, build_site, cache_sharing_notebook_runs
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.pages import Page

# MkDocs' own link check at "warn": the project turns it off (hooks/checks.py reports links once,
# from the sources), so that here every warning comes from the conversion itself.
HOOKS_USED = ("project", "mount", "brand", "glossary", "nav", "caches")
CONFIG = TINY_CONFIG.format(hooks="\n".join(f"  - {HOOKS / name}.py" for name in HOOKS_USED)).replace(
    "  not_found: ignore", "  not_found: warn") + """
markdown_extensions:  # some of mkdocs.yml's: the glossary's tooltips (abbr), permalinks, notes, highlighted code
  - abbr
  - admonition
  - toc:
      permalink: true
  - pymdownx.superfences
  - pymdownx.highlight
"""
JUPYTER = """
plugins:
  - mkdocs-jupyter:
      execute: false
      markdown_cell_processor: mkdocs
      include: ["*.ipynb"]
      ignore: ["*.md", "*.py", "exercises/*/*.ipynb"]
"""
NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "id": "c1", "metadata": {},
         "source": ["# Un carnet de test\n", "\n", "## Une section\n", "\n", "Le RGPD, voir [l'accueil](index.md#bienvenue)."]},
        {"cell_type": "code", "execution_count": 1, "id": "c2", "metadata": {},
         "outputs": [{"data": {"text/plain": ["2"]}, "execution_count": 1, "metadata": {}, "output_type": "execute_result"}],
         "source": ["1 + 1"]},
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}
GUIDE = "# Un guide\n\n## Bienvenue\n\nLe RGPD s'applique. Voir [l'autre page](autre.md#plus-loin) et [le carnet](carnet.ipynb).\n\n```python\nx = 1\n```\n"
OTHER = "# Autre page\n\n## Plus loin\n\n!!! note\n    Une note.\n"


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The pages MkDocs converts from Markdown (its own ``Page.render``), in a fresh cache."""
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(cache_sharing_notebook_runs(tmp_path / "cache")))
    calls: list[str] = []
    convert = Page.render

    def counted(page: Page, config, files) -> None:
        calls.append(page.file.src_uri)
        convert(page, config, files)

    monkeypatch.setattr(Page, "render", counted)
    return calls


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def site_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file() and "pagefind" not in p.parts}


@pytest.mark.slow
def test_a_warm_build_converts_nothing_and_gives_the_same_site(tiny_site, tmp_path: Path, conversions: list[str]) -> None:
    root = tiny_site({"mkdocs.yml": CONFIG + JUPYTER, "docs/guide.md": GUIDE, "docs/autre.md": OTHER,
                      "docs/carnet.ipynb": json.dumps(NOTEBOOK, ensure_ascii=False)})
    build_site(root / "mkdocs.yml", tmp_path / "cold")
    assert {"guide.md", "carnet.ipynb", "glossaire.md"} <= set(conversions)
    conversions.clear()
    build_site(root / "mkdocs.yml", tmp_path / "warm")
    assert conversions == []
    cold, warm = site_files(tmp_path / "cold"), site_files(tmp_path / "warm")
    assert {"guide/index.html", "carnet/index.html"} <= set(cold)
    assert [name for name in cold if cold[name] != warm.get(name)] == [] and cold.keys() == warm.keys()
    page = (tmp_path / "warm/carnet/index.html").read_text(encoding="utf-8")
    assert "<title>Un carnet de test - Tiny academy</title>" in page  # the title mkdocs-jupyter's extension sets
    assert 'href="#une-section"' in page  # its table of contents


@pytest.mark.slow
def test_a_broken_link_still_fails_the_strict_build_on_a_warm_cache(tiny_site, tmp_path: Path, conversions: list[str], caplog) -> None:
    root = tiny_site({"mkdocs.yml": CONFIG, "docs/guide.md": "# Un guide\n\nVoir [la page absente](absente.md).\n"})
    expected = "Doc file 'guide.md' contains a link 'absente.md', but the target is not found among documentation files."
    for build_dir in ("cold", "warm"):
        caplog.clear()
        with pytest.raises(Abort):
            build_site(root / "mkdocs.yml", tmp_path / build_dir)
        assert warnings(caplog).count(expected) == 1, build_dir
    assert conversions.count("guide.md") == 1  # the warm build read it back, and logged its warning again


@pytest.mark.slow
def test_the_preview_still_shows_the_problem_on_its_page_on_a_warm_cache(tiny_site, tmp_path: Path, conversions: list[str]) -> None:
    """As `make serve` builds (hooks/preview.py: not strict, problems in a banner on their page)."""
    config_text = CONFIG.replace("hooks:\n", f"hooks:\n  - {HOOKS / 'preview'}.py\n", 1)
    root = tiny_site({"mkdocs.yml": config_text, "docs/guide.md": "# Un guide\n\nVoir [la page absente](absente.md).\n"})
    for build_dir in ("cold", "warm"):
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / build_dir), strict=False)
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        page = (tmp_path / build_dir / "guide/index.html").read_text(encoding="utf-8")
        assert 'id="academy-preview-problems"' in page and "contains a link &#x27;absente.md&#x27;" in page, build_dir
    assert conversions.count("guide.md") == 1


@pytest.mark.slow
def test_under_serve_an_unchanged_page_shows_the_link_its_target_broke(tiny_site, tmp_path: Path, conversions: list[str]) -> None:
    """`make serve` rebuilds with --dirty: the page list changed, so every page is built again, from the cache or not."""
    config_text = CONFIG.replace("hooks:\n", f"hooks:\n  - {HOOKS / 'preview'}.py\n", 1)
    root = tiny_site({"mkdocs.yml": config_text, "docs/guide.md": GUIDE.replace("carnet.ipynb", "index.md"), "docs/autre.md": OTHER})
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
        assert 'id="academy-preview-problems"' not in (tmp_path / "site/guide/index.html").read_text(encoding="utf-8")
        (root / "docs/autre.md").unlink()
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False)
        build(config, dirty=True)  # the serve process goes on: no new startup event
    finally:
        config.plugins.on_shutdown()
    banner = (tmp_path / "site/guide/index.html").read_text(encoding="utf-8").split('id="academy-preview-problems"')[1]
    assert "contains a link &#x27;autre.md#plus-loin&#x27;, but the target &#x27;autre.md&#x27; is not found" in banner


@pytest.mark.slow
def test_an_unchanged_page_warns_when_the_page_it_links_to_goes(tiny_site, tmp_path: Path, conversions: list[str], caplog) -> None:
    root = tiny_site({"mkdocs.yml": CONFIG, "docs/guide.md": GUIDE.replace("carnet.ipynb", "index.md"), "docs/autre.md": OTHER})
    build_site(root / "mkdocs.yml", tmp_path / "before")
    (root / "docs/autre.md").rename(root / "docs/ailleurs.md")
    caplog.clear()
    with pytest.raises(Abort):
        build_site(root / "mkdocs.yml", tmp_path / "after")
    assert ("Doc file 'guide.md' contains a link 'autre.md#plus-loin', but the target 'autre.md' is not found among documentation files."
            in warnings(caplog))


@pytest.mark.slow
def test_a_glossary_edit_changes_the_tooltips_of_an_unchanged_page(tiny_site, tmp_path: Path, conversions: list[str]) -> None:
    root = tiny_site({"mkdocs.yml": CONFIG, "docs/guide.md": "# Un guide\n\nLe RGPD s'applique.\n"})
    build_site(root / "mkdocs.yml", tmp_path / "before")
    assert '<abbr title="Règlement général sur la protection des données personnelles.">RGPD</abbr>' in (
        tmp_path / "before/guide/index.html").read_text(encoding="utf-8")
    (root / "docs/glossaire.yml").write_text("- term: RGPD\n  definition: La loi européenne sur les données personnelles.\n", encoding="utf-8")
    build_site(root / "mkdocs.yml", tmp_path / "after")
    assert '<abbr title="La loi européenne sur les données personnelles.">RGPD</abbr>' in (
        tmp_path / "after/guide/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_tooltip_in_a_proper_noun_follows_the_glossary_on_a_warm_cache(tiny_site, tmp_path: Path, conversions: list[str]) -> None:
    """hooks/glossary.py keeps each page's HTML without such tooltips, under the HTML and the glossary's forms."""
    definition = "Le moyen par lequel un message arrive à son public."
    root = tiny_site({"mkdocs.yml": CONFIG, "docs/guide.md": "# Un guide\n\nLes Paniers du Canal.\n",
                      "docs/glossaire.yml": f"- term: canal\n  definition: {definition}\n"})
    build_site(root / "mkdocs.yml", tmp_path / "lowercase")
    assert "Les Paniers du Canal." in (tmp_path / "lowercase/guide/index.html").read_text(encoding="utf-8")
    (root / "docs/glossaire.yml").write_text(f"- term: Canal\n  definition: {definition}\n", encoding="utf-8")
    build_site(root / "mkdocs.yml", tmp_path / "capitalised")  # the same HTML before the tooltips are removed
    assert f'Les Paniers du <abbr title="{definition}">Canal</abbr>.' in (
        tmp_path / "capitalised/guide/index.html").read_text(encoding="utf-8")


KEY_SCRIPT = """
import enum, sys
from pathlib import Path
from academy import glossary, rendered
from markdown.extensions.toc import slugify

class Level(enum.Enum):
    WARN = 30

entries, _ = glossary.load(Path(sys.argv[1]).read_text(encoding="utf-8"), "glossaire.yml")
settings = {"extensions": ["toc", "abbr"], "options": {"toc": {"slugify": slugify, "ids": {"b", "a", "c"}},
            "abbr": {"glossary": glossary.tooltips(entries)}}, "validation": {"not_found": Level.WARN}}
build = rendered.build_key(settings, [("b.md", "b/", True, False), ("a.md", "a/", True, False)])
print(rendered.page_key(build, {"src_uri": "a.md", "url": "a/", "meta": {"tags": {"x", "y"}}}, "# A"))
"""


def test_the_key_is_the_same_in_two_processes() -> None:
    """Sets, functions, enums and the glossary's tooltips (the order of a set changes with the hash seed)."""
    env = {**os.environ, "PYTHONPATH": str(HOOKS)}
    keys = {subprocess.run([sys.executable, "-c", KEY_SCRIPT, str(ROOT / "docs/glossaire.yml")], env={**env, "PYTHONHASHSEED": seed},
                           capture_output=True, text=True, check=True).stdout for seed in ("1", "2", "3")}
    assert len(keys) == 1 and len(keys.pop().strip()) == 32


def test_an_object_known_only_by_its_address_is_not_keyed() -> None:
    with pytest.raises(rendered.Unstable):
        rendered.build_key({"options": {"x": object()}}, [])
    loop: dict[str, object] = {}
    loop["self"] = loop
    with pytest.raises(rendered.Unstable):
        rendered.stable_repr(loop)


def test_the_records_of_the_conversion_are_logged_again_once(caplog: pytest.LogCaptureFixture) -> None:
    """A record seen by both loggers of a chain (ProperDocs makes "properdocs" the parent of "mkdocs") is kept once."""
    caplog.set_level(logging.INFO)
    page, top = logging.getLogger("properdocs.test_rendered.page"), logging.getLogger("properdocs")
    with rendered.capture(["properdocs", "properdocs.test_rendered"]) as records:
        page.warning("un lien 100%% cassé : %s", "a.md")
        top.info("une information")
    assert records == [("properdocs.test_rendered.page", logging.WARNING, "un lien 100% cassé : a.md"),
                       ("properdocs", logging.INFO, "une information")]
    caplog.clear()
    rendered.replay(records)
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == records
