"""External links, opt-in: checked against a server this test starts on 127.0.0.1, never the internet."""

from __future__ import annotations

import shutil
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from academy import cli, external, source
from conftest import cache_sharing_notebook_runs

SITE = Path(__file__).parent / "cases" / "checks" / "repo"


class Handler(BaseHTTPRequestHandler):
    hits: Counter = Counter()

    def _answer(self, with_body: bool) -> None:
        Handler.hits[(self.command, self.path)] += 1
        path = self.path
        if path == "/slow":
            time.sleep(1.5)
        if path == "/head-refused" and self.command == "HEAD":
            status = 405
        elif path == "/flaky":
            status = 503 if Handler.hits[("HEAD", path)] + Handler.hits[("GET", path)] == 1 else 200
        else:
            status = {"/ok": 200, "/slow": 200, "/head-refused": 200, "/missing": 404}.get(path, 404)
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:  # noqa: N802 (http.server's names)
        self._answer(False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(True)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Handler.hits.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def page(base: str, slow: bool = True) -> source.Page:
    lent = f"[Page lente]({base}/slow), " if slow else "Pas de page lente, "
    text = (f"---\ntitle: Liens externes\n---\n\n[Page qui répond]({base}/ok) et [page absente]({base}/missing).\n\n"
            f"{lent}[page qui refuse HEAD]({base}/head-refused), [page instable]({base}/flaky).\n\n"
            f"[Encore la page absente]({base}/missing#ancre).\n")
    return source.read_markdown(text, "docs/liens.md", "liens.md")


def test_dead_links_are_reported_where_they_are_written(server: str, tmp_path: Path) -> None:
    problems = external.check_external([page(server)], cache=tmp_path / "cache.json", timeout=0.5, retries=1, workers=4)
    assert [(p.line, p.rule) for p in problems] == [(5, "external-link"), (7, "external-link"), (9, "external-link")]
    assert "(erreur HTTP 404)" in problems[0].message
    assert "/slow" in problems[1].message and "délai dépassé" in problems[1].message
    assert Handler.hits[("GET", "/head-refused")] == 1  # HEAD refused: asked again with GET
    assert Handler.hits[("HEAD", "/missing")] + Handler.hits[("GET", "/missing")] >= 1


def test_working_links_are_cached_until_they_expire(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    clock = [1_000_000.0]
    check = lambda: external.check_external([page(server, slow=False)], cache=cache, retries=1, now=lambda: clock[0])  # noqa: E731
    check()
    first = Handler.hits[("HEAD", "/ok")]
    check()
    assert Handler.hits[("HEAD", "/ok")] == first  # cached: not asked again
    assert Handler.hits[("HEAD", "/missing")] > 1  # broken: asked again on every run
    clock[0] += external.TTL + 1
    check()
    assert Handler.hits[("HEAD", "/ok")] == first + 1  # expired: asked again


def test_a_damaged_cache_is_ignored(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    cache.write_text("{pas du JSON", encoding="utf-8")
    problems = external.check_external([page(server, slow=False)], cache=cache, retries=1)
    assert len(problems) == 2
    assert '"' in cache.read_text(encoding="utf-8")


def test_the_command_line_checks_external_links_only_on_request(server: str, tmp_path: Path, monkeypatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SITE, repo)
    (repo / "docs/liens.md").write_text(f"---\ntitle: Liens\n---\n\nLa [page absente]({server}/missing).\n", encoding="utf-8")
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(cache_sharing_notebook_runs(tmp_path / "cache")))
    assert cli.main(["--root", str(repo), "check"]) == 0
    assert Handler.hits == Counter()
    assert cli.main(["--root", str(repo), "check", "--external"]) == 1
    assert (tmp_path / "cache" / external.CACHE_FILE).is_file()
