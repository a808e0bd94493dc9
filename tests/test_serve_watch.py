"""`make serve` notices a save through the system's file events (academy.serve.native_watching), with both engines."""

from __future__ import annotations

import importlib
import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from academy.serve import BUILD_DELAY, SaveObserver, native_watching, port_in_use
from conftest import ROOT
from watchdog.observers.polling import PollingObserver

ENGINES = ("properdocs", "mkdocs")
native = pytest.mark.skipif(issubclass(SaveObserver, PollingObserver), reason="no native observer on this system")


def _events(caplog: pytest.LogCaptureFixture, engine: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == f"{engine}.livereload" and "src_path=" in r.getMessage()]


@native
@pytest.mark.parametrize("engine", ENGINES)
def test_the_server_notices_a_save_and_not_a_read(engine: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger=f"{engine}.livereload")
    server_class = native_watching(importlib.import_module(f"{engine}.livereload").LiveReloadServer)
    server = server_class(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    (tmp_path / "docs").mkdir()
    read, saved = tmp_path / "docs/lu.md", tmp_path / "docs/enregistre.md"
    read.write_text("lu\n", encoding="utf-8")
    try:
        assert isinstance(server.observer, SaveObserver) and not isinstance(server.observer, PollingObserver)
        assert server.build_delay == BUILD_DELAY
        server.watch(str(tmp_path / "docs"))
        server.observer.start()
        read.read_text(encoding="utf-8")  # every rebuild reads the pages: that must not start the next one
        saved.write_text("enregistré\n", encoding="utf-8")
        deadline = time.monotonic() + 30
        while not any("enregistre.md" in e for e in _events(caplog, engine)) and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()
    events = _events(caplog, engine)
    assert any("enregistre.md" in e for e in events), events
    assert not any("lu.md" in e for e in events), events  # the system reports events in order: the read came first


# serve() replaced by a stand-in that makes the server as serve() does, and reports its observer.
_PROBE = """
import importlib, json, sys
from academy import serve
command = importlib.import_module(f"{sys.argv[1]}.commands.serve")
def probe(**kwargs):
    server = command.LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    print(json.dumps([type(server).__name__, [c.__name__ for c in type(server.observer).__mro__], server.build_delay]))
    server.server_close()
command.serve = probe
sys.exit(serve.main(["--engine", sys.argv[1], "--port", sys.argv[2], *sys.argv[3:]]))
"""


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("poll", [False, True])
def test_make_serve_gives_each_engine_the_native_observer_unless_poll(engine: str, poll: bool, tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", _PROBE, engine, str(port), *(["--poll"] if poll else [])],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    kind, observers, delay = json.loads(result.stdout.strip().splitlines()[-1])
    if poll or issubclass(SaveObserver, PollingObserver):  # the engine's own server: polling, every 0.5 s
        assert (kind, "SaveObserver" in observers, "PollingObserver" in observers, delay) == ("LiveReloadServer", False, True, 0.1)
    else:
        assert (kind, "SaveObserver" in observers, "PollingObserver" in observers, delay) == ("PreviewServer", True, False, BUILD_DELAY)


def test_the_port_of_a_stopped_preview_is_free_at_once() -> None:
    """A preview stopped with Ctrl+C leaves its closed connections in TIME_WAIT for a minute."""
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the engine's server
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port)) as client:
            accepted, _ = server.accept()
            accepted.close()  # the server closes first: its side of the connection goes to TIME_WAIT
            client.recv(1)
        assert port_in_use("127.0.0.1", port)  # still listening
    assert not port_in_use("127.0.0.1", port)
