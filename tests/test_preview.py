"""The preview (``make serve``): never frozen by a problem, which shows on its page; quiet log; busy port."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from academy import preview
from academy.serve import PreviewLog, busy_port_message, kernel_cleanup_noise
from conftest import HOOKS as HOOKS_DIR
from conftest import ROOT, TINY_CONFIG
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

HOOKS = ("preview", "mount", "brand", "glossary", "checks", "nav")
BROKEN = "---\ntitle: Accueil\n---\n\nBienvenue. Voir [la suite](nulle-part.md).\n"
FIXED = "---\ntitle: Accueil\n---\n\nBienvenue, version corrigée. Voir [le talk](talks/01-test/index.md).\n"


def test_banner_lists_the_problems_escaped() -> None:
    html = preview.with_banner("<html><body class='x'><p>page</p></body></html>", ["docs/a.md:1:1: <script>x</script> (rule)"])
    assert html.startswith("<html><body class='x'><div id=\"academy-preview-problems\" role=\"alert\"")
    assert "1 problème sur cette page" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html
    assert preview.with_banner("<body>p</body>", []) == "<body>p</body>"


def test_page_problems_by_path_or_quoted_uri() -> None:
    messages = ["docs/a.md:3:1: titre manquant (title)", "Doc file 'a.md' contains a link 'b.md'", "docs/ab.md:1:1: autre (x)"]
    assert preview.page_problems(messages, {"a.md", "docs/a.md"}) == messages[:2]


def _wait_for(url: str, text: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
            if text in page:
                return page
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never reached {url}")


@pytest.mark.slow
def test_a_warning_does_not_stop_the_next_rebuild_under_serve(tiny_site, tmp_path) -> None:
    """`make serve`'s own command on the tiny site (strict: true in its mkdocs.yml)."""
    root = tiny_site({"docs/index.md": BROKEN}, hooks=HOOKS)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "ACADEMY_CACHE_DIR": str(tmp_path / "cache")}
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "academy.serve", "--port", str(port), "--config", str(root / "mkdocs.yml")],
                              cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/tiny/"
    try:
        page = _wait_for(url, "Bienvenue")
        banner = page.split('id="academy-preview-problems"')[1].split("</div>")[0]
        assert "problème" in banner and "nulle-part.md" in banner
        assert "academy-preview-problems" not in _wait_for(url + "talks/01-test/", "Un talk de test")

        time.sleep(1)  # a distinct modification time for the watcher
        (root / "docs/index.md").write_text(FIXED, encoding="utf-8")
        page = _wait_for(url, "version corrigée")  # the next save is built and served
        assert "academy-preview-problems" not in page
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.seek(0)
        output = log.read()
        log.close()
    assert "Traceback" not in output
    assert "docs/index.md:5:28: lien vers « nulle-part.md » introuvable" in output
    rebuilt = re.search(r"\] docs/index\.md : reconstruit en [\d.]+ s — [^\n]*\n", output)
    assert rebuilt, output
    assert "nulle-part.md" not in output[rebuilt.end():]  # that build's problems follow its line
    assert "Converting notebook" not in output and "INFO" not in output


def test_the_build_stays_strict_with_the_preview_hook(tiny_site, tmp_path) -> None:
    root = tiny_site({"docs/index.md": BROKEN}, hooks=HOOKS)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Abort):
        build(config)
    assert "academy-preview-problems" not in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def _record(name: str, level: int, message: str) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, message, None, None)


def test_one_line_per_rebuild_then_its_problems(tmp_path) -> None:
    out = io.StringIO()
    log = PreviewLog(tmp_path, stream=out)
    talk = tmp_path / "talks/01-test/index.md"
    for record in [
        _record("mkdocs.commands.serve", logging.INFO, "Building documentation..."),
        _record("mkdocs.plugins.mkdocs_jupyter", logging.INFO, "Converting notebook (execute=False): x.ipynb"),
        _record("mkdocs.commands.build", logging.INFO, "Documentation built in 3.20 seconds"),
        _record("mkdocs.livereload", logging.INFO, "[10:00:00] Serving on http://127.0.0.1:8001/academy/"),
        _record("mkdocs.livereload", logging.DEBUG, f"FileModifiedEvent(src_path='{talk}', dest_path='', event_type='modified')"),
        _record("mkdocs.livereload", logging.INFO, "[10:00:05] Detected file changes"),
        _record("mkdocs.commands.serve", logging.INFO, "Building documentation..."),
        _record("mkdocs.hooks.checks", logging.WARNING, "talks/01-test/index.md:4:1: lien cassé — corrigez-le (broken-link)"),
        _record("mkdocs.commands.build", logging.INFO, "Documentation built in 0.42 seconds"),
        _record("mkdocs.livereload", logging.INFO, "[10:00:06] Reloading browsers"),
    ]:
        log.emit(record)
    lines = out.getvalue().splitlines()
    assert len(lines) == 4, lines
    assert lines[0].endswith("Site construit en 3.2 s — aucun problème.")
    assert lines[1] == "Site affiché sur http://127.0.0.1:8001/academy/ — il se met à jour à chaque enregistrement (Ctrl+C pour arrêter)."
    assert lines[2].endswith("] talks/01-test/index.md : reconstruit en 0.4 s — 1 problème.")
    assert lines[3] == "  talks/01-test/index.md:4:1: lien cassé — corrigez-le (broken-link)"


def test_a_save_names_its_file_even_by_renaming_and_during_the_previous_build(tmp_path) -> None:
    out = io.StringIO()
    log = PreviewLog(tmp_path, stream=out)
    guide, talk = tmp_path / "docs/guides/a.md", tmp_path / "talks/01-test/index.md"
    for record in [
        _record("mkdocs.commands.serve", logging.INFO, "Building documentation..."),
        _record("mkdocs.commands.build", logging.INFO, "Documentation built in 3.20 seconds"),
        _record("mkdocs.livereload", logging.DEBUG, f"FileMovedEvent(src_path='{guide}.tmp', dest_path='{guide}', event_type='moved')"),
        _record("mkdocs.commands.serve", logging.INFO, "Building documentation..."),
        _record("mkdocs.livereload", logging.DEBUG, f"FileModifiedEvent(src_path='{talk}', dest_path='', event_type='modified')"),
        _record("mkdocs.commands.build", logging.INFO, "Documentation built in 0.42 seconds"),
        _record("mkdocs.commands.serve", logging.INFO, "Building documentation..."),
        _record("mkdocs.commands.build", logging.INFO, "Documentation built in 0.40 seconds"),
    ]:
        log.emit(record)
    lines = out.getvalue().splitlines()
    assert lines[1].endswith("] docs/guides/a.md : reconstruit en 0.4 s — aucun problème."), lines
    assert lines[2].endswith("] talks/01-test/index.md : reconstruit en 0.4 s — aucun problème."), lines


def test_the_kernel_shutdown_traceback_is_silenced_not_other_asyncio_errors() -> None:
    cleanup = ("Task exception was never retrieved\nfuture: <Task finished name='Task-172' "
               "coro=<NotebookClient._async_cleanup_kernel() done, defined at client.py:503> exception=AttributeError()>")
    other = "Task exception was never retrieved\nfuture: <Task finished name='Task-3' coro=<serve() done>>"
    assert kernel_cleanup_noise(_record("asyncio", logging.ERROR, cleanup)) is False
    assert kernel_cleanup_noise(_record("asyncio", logging.ERROR, other)) is True


def test_a_busy_port_gives_a_french_message() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "academy.serve", "--port", str(port)], cwd=ROOT,
                                capture_output=True, text=True, timeout=60, env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "", "PYTHONPYCACHEPREFIX": os.environ["PYTHONPYCACHEPREFIX"]})
    assert result.returncode == 1
    assert result.stderr.strip() == busy_port_message(port)
    assert f"make serve PORT={port + 1}" in result.stderr and "Traceback" not in result.stderr


def test_shared_inputs_change_with_front_matter_data_and_page_list_not_with_a_body(tmp_path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "docs/glossaire.yml").write_text("- term: A\n", encoding="utf-8")
    page = tmp_path / "docs/a.md"
    page.write_text("---\ntitle: Un\n---\n\nCorps.\n", encoding="utf-8")

    def signature(uris=("a.md",)) -> str:
        return preview.shared_inputs(tmp_path, [page], uris)

    before = signature()
    page.write_text("---\ntitle: Un\n---\n\nAutre corps.\n", encoding="utf-8")
    assert signature() == before  # a body edit rebuilds that page only
    page.write_text("---\ntitle: Deux\n---\n\nAutre corps.\n", encoding="utf-8")
    assert signature() != before  # its title is in every page's menu
    before = signature()
    (tmp_path / "docs/glossaire.yml").write_text("- term: B\n", encoding="utf-8")
    assert signature() != before  # the glossary's tooltips are on every page
    before = signature()
    assert signature(("a.md", "b.md")) != before  # a new page joins the menu


JUPYTER = """
plugins:
  - mkdocs-jupyter:
      execute: false
      cache: false
      include_source: false
      markdown_cell_processor: mkdocs   # as in mkdocs.yml
      include: ["*.ipynb"]
      ignore: ["*.md", "*.py", "exercises/*/*.ipynb"]
"""


def _notebook(text: str) -> str:
    cells = [{"cell_type": "markdown", "id": "texte", "metadata": {}, "source": [text]},  # nbformat 4.5 wants cell ids
             {"cell_type": "code", "id": "calcul", "execution_count": None, "metadata": {}, "outputs": [], "source": ["6 * 7"]}]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return json.dumps({"cells": cells, "metadata": {"kernelspec": kernel}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


@pytest.mark.slow
def test_a_notebook_saved_back_to_an_earlier_text_is_rebuilt_under_serve(tiny_site, tmp_path, monkeypatch) -> None:
    """`make serve`'s dirty rebuilds: the executed copy of an earlier text is an older file, rebuilt all the same."""
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(tmp_path / "cache"))
    listed = "\n".join(f"  - {HOOKS_DIR / name}.py" for name in HOOKS)
    notebook = "exercises/01-test/carnet.ipynb"
    root = tiny_site({"mkdocs.yml": TINY_CONFIG.format(hooks=listed) + JUPYTER, notebook: _notebook("Version un.")}, hooks=HOOKS)
    site = tmp_path / "site"
    page = site / "exercises/01-test/carnet/index.html"

    def rebuild() -> str:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=False)
        if not site.exists():
            config.plugins.on_startup(command="serve", dirty=True)  # once, as `make serve` does
        build(config, dirty=True)
        return page.read_text(encoding="utf-8")

    try:
        assert "Version un." in rebuild()
        for text in ("Version deux.", "Version un.", "Version deux."):  # the last two: texts seen before
            time.sleep(0.05)
            (root / notebook).write_text(_notebook(text), encoding="utf-8")
            shown = rebuild()
            assert text in shown, text
            assert "42" in shown  # the executed copy, with its output
    finally:
        load_config(str(root / "mkdocs.yml"), site_dir=str(site)).plugins.on_startup(command="build", dirty=False)


@pytest.mark.slow
def test_a_notebook_page_is_converted_once_per_content(tiny_site, tmp_path, monkeypatch) -> None:
    """hooks/caches.py keeps mkdocs-jupyter's HTML under the notebook's content (its own cache is off with a template)."""
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(tmp_path / "cache"))
    hooks = (*HOOKS, "caches")
    listed = "\n".join(f"  - {HOOKS_DIR / name}.py" for name in hooks)
    notebook = "exercises/01-test/carnet.ipynb"
    root = tiny_site({"mkdocs.yml": TINY_CONFIG.format(hooks=listed) + JUPYTER, notebook: _notebook("Version un.")}, hooks=hooks)
    page = tmp_path / "site/exercises/01-test/carnet/index.html"
    kept = tmp_path / "cache/notebook-html"

    def rebuild() -> str:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False))
        return page.read_text(encoding="utf-8")

    first = rebuild()
    assert "Version un." in first and len(list(kept.rglob("*/*"))) == 1
    assert rebuild() == first and len(list(kept.rglob("*/*"))) == 1
    (root / notebook).write_text(_notebook("Version deux."), encoding="utf-8")
    assert "Version deux." in rebuild() and len(list(kept.rglob("*/*"))) == 2


def test_a_cohort_edit_rebuilds_the_pages_whose_added_dates_changed_only() -> None:
    state: dict = {}
    dates = {"talks/01-a/index.md": "## Dates\n\n- 3 mars", "talks/02-b/index.md": "## Dates\n\n- 10 mars", "index.md": "Prochaine : 3 mars"}
    assert preview.dependents(dates, state) == set()  # the first build builds everything anyway
    assert preview.dependents(dates, state) == set()  # a room or a mentor changed: no date moved
    moved = {**dates, "talks/02-b/index.md": "## Dates\n\n- 17 mars"}
    assert preview.dependents(moved, state) == {"talks/02-b/index.md"}
    fewer = {k: v for k, v in moved.items() if k != "talks/01-a/index.md"}
    assert preview.dependents(fewer, state) == {"talks/01-a/index.md"}  # its dates are gone
