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


def test_an_unreadable_file_is_a_search_error_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under serve an OSError would end the Refresher's thread for good: it must come out as a SearchIndexError."""
    monkeypatch.setattr(search, "executable", lambda: tmp_path / "absent" / "pagefind")
    with pytest.raises(search.SearchIndexError) as raised:
        search.build_index(_site(tmp_path / "site"))
    assert str(raised.value) == ("l'index de recherche n'a pas pu être construit : [Errno 2] No such file or directory: "
                                 f"'{tmp_path / 'absent' / 'pagefind'}'")


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


def _site(folder: Path, talk_text: str = "Les donateurs fidèles reçoivent un merci.") -> Path:
    for name, title, kind, text in [
        ("talks/a", "Connaître ses donateurs", "talk", talk_text),
        ("exercises/b", "Notebook", "notebook", "Un calcul sur les dons."),
    ]:
        (folder / name).mkdir(parents=True, exist_ok=True)
        (folder / name / "index.html").write_text(PAGE.format(title=title, kind=kind, text=text), encoding="utf-8")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _words(output: Path) -> bytes:
    """Every word chunk and fragment of the index, decompressed (Pagefind gzips them)."""
    return b"".join(gzip.decompress(p.read_bytes()) for folder in ("index", "fragment") for p in sorted((output / folder).iterdir()))


@pytest.fixture
def counted_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """A cache of its own for the test, and every Pagefind run recorded (then run for real)."""
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(tmp_path / "cache"))
    runs: list[list[str]] = []
    real = search.run_pagefind

    def counting(arguments: list[str]):
        runs.append(arguments)
        return real(arguments)

    monkeypatch.setattr(search, "run_pagefind", counting)
    return runs


def test_unchanged_pages_restore_the_stored_index_without_running_pagefind(
        tmp_path: Path, counted_runs: list, monkeypatch: pytest.MonkeyPatch) -> None:
    first = search.build_index(_site(tmp_path / "site"))
    assert len(counted_runs) == 1
    made = _files(first)
    assert "pagefind-entry.json" in made and any(name.startswith("fragment/") for name in made)

    def no_run(arguments: list[str]):
        raise AssertionError(f"Pagefind ran again: {arguments}")

    monkeypatch.setattr(search, "run_pagefind", no_run)
    second_site = _site(tmp_path / "other-site")  # the same pages, elsewhere: the key holds no path
    (second_site / "pagefind" / "fragment").mkdir(parents=True)
    (second_site / "pagefind" / "fragment" / "stale.pf_fragment").write_bytes(b"old")  # an older index: replaced
    restored = search.build_index(second_site)
    assert restored == second_site / "pagefind"
    assert _files(restored) == made
    assert restored.stat().st_mode & 0o755 == 0o755, "the restored folder is not readable by a web server"
    assert sorted(p.name for p in second_site.iterdir()) == ["exercises", "pagefind", "talks"], "a temporary folder was left"
    assert len(list((tmp_path / "cache" / search.CACHE_NAMESPACE).glob("*.zip"))) == 1


def test_a_changed_page_runs_pagefind_again_and_its_new_word_is_found(tmp_path: Path, counted_runs: list) -> None:
    site = _site(tmp_path / "site")
    before = _words(search.build_index(site))
    assert b"coquelicots" not in before and b"fid\xc3\xa8les" in before  # the check below can fail
    _site(site, "Les donateurs fidèles reçoivent des coquelicots.")
    output = search.build_index(site)
    assert len(counted_runs) == 2
    words = _words(output)
    assert b"coquelicots" in words
    fragments = [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd")) for f in (output / "fragment").iterdir()]
    assert len(fragments) == 2, "fragments of the previous index were left in the site"
    assert "reçoivent des coquelicots" in next(f for f in fragments if f["url"] == "/talks/a/")["content"]
    search.build_index(site)  # unchanged since: restored
    assert len(counted_runs) == 2


def test_the_key_covers_the_binary_and_the_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(tmp_path / "cache"))
    site = _site(tmp_path / "site")
    one, two = tmp_path / "one", tmp_path / "two"
    one.write_bytes(b"\x7fELF one")
    two.write_bytes(b"\x7fELF two")
    key = search.index_key(site, one)
    assert search.index_key(site, one) == key
    assert search.index_key(site, two) != key
    monkeypatch.setattr(search, "EXCLUDED", (*search.EXCLUDED, "table"))
    assert search.index_key(site, one) != key
    monkeypatch.undo()
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PAGEFIND_EXCLUDE_SELECTORS", "table")  # Pagefind reads its options from the environment too
    assert search.index_key(site, one) != key
    monkeypatch.undo()
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(tmp_path / "cache"))
    (site / "talks/a/index.html").rename(site / "talks/a/autre.html")  # same bytes, another path
    assert search.index_key(site, one) != key


def test_under_serve_the_refresher_restores_or_runs_pagefind(tmp_path: Path, counted_runs: list) -> None:
    site = _site(tmp_path / "site")
    search.build_index(site)
    reported: list = []
    refresher = search.Refresher(reported.append)
    refresher.request(site)  # nothing changed: restored
    refresher.thread.join(timeout=30)
    assert len(counted_runs) == 1
    _site(site, "Un mot nouveau : coquelicots.")
    refresher.request(site)
    refresher.thread.join(timeout=30)
    assert len(counted_runs) == 2 and not reported
    assert b"coquelicots" in _words(site / "pagefind")
