"""The search index (academy.search): Pagefind over the built site, prose only, ranked by page type."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from academy import search

PAGE = """<!doctype html><html lang="fr"><head><title>{title}</title></head><body>
<header>Menu du site : bénévoles partout</header>
<article class="md-content__inner md-typeset">
<span data-pagefind-filter="type:{kind}" hidden></span>
<h1>{title}</h1><p>{text}</p>
<div class="highlight"><pre><code>donateurs = pd.read_csv("dons.csv")</code></pre></div>
</article></body></html>"""


@pytest.mark.parametrize(
    ("uri", "kind"),
    [
        ("talks/02-donateurs-benevoles/index.md", "talk"),
        ("talks/index.md", "sommaire"),
        ("guides/mentorat.md", "guide"),
        ("guides/index.md", "sommaire"),
        ("playbook/pratiques/mentorat.md", "playbook"),
        ("exercises/02-segmentation-donateurs/index.md", "exercice"),
        ("exercises/02-segmentation-donateurs/segmentation-donateurs.ipynb", "notebook"),
        ("exercises/data/index.md", "donnees"),
        ("promotions/2020/index.md", "promotion"),
        ("glossaire.md", "glossaire"),
        ("index.md", "accueil"),
    ],
)
def test_each_page_has_a_search_type(uri: str, kind: str) -> None:
    assert search.kind(uri) == kind


def test_index_is_written_inside_the_site_and_leaves_code_out(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name, title, kind, text in [
        ("talks/a", "Connaître ses donateurs", "talk", "Les donateurs fidèles reçoivent un merci."),
        ("exercises/b", "Notebook", "notebook", "Un calcul sur les dons."),
    ]:
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(PAGE.format(title=title, kind=kind, text=text), encoding="utf-8")
    output = search.build_index(site)
    assert output == site / "pagefind"
    assert (output / "pagefind.js").is_file() and (output / "pagefind-entry.json").is_file()
    assert not any((output / name).exists() for name in search.UNUSED)
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"]
    assert entry["languages"]["fr"]["page_count"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "Pagefind wrote outside site/"
    fragments = [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd")) for f in (output / "fragment").iterdir()]
    talk = next(f for f in fragments if f["url"] == "/talks/a/")
    assert "fidèles reçoivent un merci" in talk["content"]
    assert "read_csv" not in talk["content"] and "Menu du site" not in talk["content"]
    assert talk["filters"] == {"type": ["talk"]}


def test_command_indexes_the_article_only() -> None:
    command = search.command(Path("/tmp/site"), Path("/bin/pagefind"))
    assert command[command.index("--root-selector") + 1] == "article.md-content__inner"
    excluded = command[command.index("--exclude-selectors") + 1]
    for selector in ("pre", ".jp-OutputArea", ".jp-CodeCell .jp-InputArea", ".headerlink"):
        assert selector in excluded.split(", ")


def test_a_failing_pagefind_names_the_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "executable", lambda: Path("/bin/false"))
    with pytest.raises(search.SearchIndexError, match="l'index de recherche n'a pas pu être construit"):
        search.build_index(tmp_path)


def test_under_serve_a_request_during_a_run_makes_one_more_run_and_failures_are_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    started, release, runs = threading.Event(), threading.Event(), []

    def fake_index(site_dir: Path) -> Path:
        runs.append(site_dir)
        started.set()
        release.wait(timeout=10)
        if len(runs) == 2:
            raise search.SearchIndexError("Pagefind a échoué")
        return site_dir

    monkeypatch.setattr(search, "build_index", fake_index)
    reported = []
    refresher = search.Refresher(reported.append)
    refresher.request(tmp_path)
    assert started.wait(timeout=10)
    refresher.request(tmp_path)  # while the first run goes on: one more run after it, not two
    refresher.request(tmp_path)
    release.set()
    refresher.thread.join(timeout=10)
    assert len(runs) == 2 and [str(e) for e in reported] == ["Pagefind a échoué"]
    refresher.request(tmp_path)  # idle again: a new request runs at once
    refresher.thread.join(timeout=10)
    assert len(runs) == 3
