"""The built site served on this machine only, and Debian's Chromium to look at it.

Used by the PDF handouts (``academy.pdf``), the browser tests and the benchmark. The server
listens on 127.0.0.1 on a free port and stops with the ``with`` block; the browser is the
system one (no download), started with the flags that keep it from calling any Google service.
"""

from __future__ import annotations

import functools
import gzip
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# One page of each type that readers meet: the browser tests and the benchmark visit these.
PAGE_TYPES = {
    "accueil": "",
    "talk": "talks/02-donateurs-benevoles/",
    "notebook": "exercises/02-segmentation-donateurs/segmentation-donateurs/",
    "promotion": "promotions/2020/",
    "glossaire": "glossaire/",
    "playbook": "playbook/",
}

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--metrics-recording-only",
]


class BrowserMissing(RuntimeError):
    """Chromium is not installed: the message says how to install it."""


def chromium_path() -> str:
    """``$ACADEMY_CHROMIUM``, else ``chromium`` on the PATH (Debian's package)."""
    path = os.environ.get("ACADEMY_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path or not Path(path).exists():
        raise BrowserMissing("Chromium est introuvable : installez-le avec « make browser » (apt-get install chromium), ou indiquez son chemin dans ACADEMY_CHROMIUM.")
    return path


COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".ics": "text/calendar", ".svg": "image/svg+xml", ".ipynb": "application/json"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class _GzipHandler(_QuietHandler):
    """Text files gzip-compressed, as static hosts such as GitHub Pages serve them."""

    cache: dict[tuple[str, int, int], bytes] = {}

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not (path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSED_TYPES)):
            super().do_GET()
            return
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if key not in self.cache:
            self.cache[key] = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site_dir: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve ``site_dir`` at ``http://127.0.0.1:<free port>/`` while the block runs; yields that base URL.

    With ``compress``, text files are sent gzip-compressed, like a production static host.
    """
    if not (Path(site_dir) / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir}/index.html introuvable — construisez d'abord le site avec « make build »")
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="academy-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
