"""The preview door, ``make serve`` (``python -m academy.serve --port 8001``).

Starts the engine's live-reloading server (ProperDocs by default, or MkDocs 1.6) on
127.0.0.1 with a short log in French: one line per rebuild (what changed, how long it
took), then the problems. The known noise (the engine's progress lines, one « Converting
notebook » line per notebook, asyncio's traceback when a notebook's kernel shuts down) is left out. The preview is never strict: hooks/preview.py
shows each problem on its page too. This is the only module of the engine that drives
MkDocs, through its public ``commands.serve`` function.

A save is noticed by the system's own file events (inotify on Linux, FSEvents on macOS),
not by the engine's polling every 0.5 s: ``--poll`` keeps the polling, for a folder whose
changes the system does not report (a Windows folder under /mnt/c in WSL, a network share).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import re
import socket
import sys
import time
from pathlib import Path

from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

ENGINES = ("properdocs", "mkdocs")
_EVENT_PATH = re.compile(r"src_path='([^']*)'(?:, dest_path='([^']*)')?")  # a save by renaming: dest is the file
_STAMP = re.compile(r"^\[\d\d:\d\d:\d\d\] ")  # livereload's own time prefix
_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
_KNOWN = ("A 'dirty' build is being performed",)  # make serve asks for it
_QUIET = ("Converting notebook", "Cleaning site directory", "Reloading browsers", "Browser connected",
          "Watching paths", "Detected file changes", "Shutting down", "Building documentation to directory")


# What a save does to a file. Not « opened » nor « closed without writing »: inotify reports
# reads too, and every rebuild reads the watched files, which would start the next one.
SAVE_EVENTS = (events.FileModifiedEvent, events.FileClosedEvent, events.FileCreatedEvent,
               events.FileMovedEvent, events.FileDeletedEvent, events.FileAttribEvent)


class SaveObserver(Observer):
    """watchdog's native observer (inotify, FSEvents, ReadDirectoryChangesW), told of saves only."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or list(SAVE_EVENTS))


BUILD_DELAY = 0.05  # s without a new event before rebuilding: a save's events come within a few ms


def native_watching(server_class: type) -> type:
    """The engine's ``LiveReloadServer`` noticing a save at once, with ``SaveObserver``.

    The engine's server stats the ~300 watched files every 0.5 s (0.25 s of waiting per save
    on average, about 1 % of a core while idle), then waits 0.1 s for more events; ``serve()``
    has no parameter for either. Without a native observer (watchdog falls back to polling),
    the engine's own server is kept.
    """
    if issubclass(SaveObserver, PollingObserver):
        return server_class

    class PreviewServer(server_class):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.observer = SaveObserver()  # before serve() watches anything
            self.build_delay = BUILD_DELAY

    return PreviewServer


def port_in_use(host: str, port: int) -> bool:
    """True when a server listens on ``port``. The port of a preview just stopped (its closed
    connections wait a minute in TIME_WAIT) is free: the engine's server binds it, as here, with
    SO_REUSEADDR."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def busy_port_message(port: int) -> str:
    return (f"Le port {port} est déjà utilisé, sans doute par un autre « make serve ». "
            f"Arrêtez-le (Ctrl+C dans son terminal) ou choisissez un autre port : make serve PORT={port + 1}")


class PreviewLog(logging.Handler):
    """Turns the engine's log into one line per build, followed by that build's problems."""

    def __init__(self, root: Path, stream=None) -> None:
        super().__init__(logging.DEBUG)
        self.root = root
        self.stream = stream or sys.stderr
        self.changed: list[str] = []  # saved since the current build started
        self.building: list[str] = []  # saved before it: what it rebuilds
        self.problems: list[str] = []
        self.builds = 0
        self.url = ""

    def emit(self, record: logging.LogRecord) -> None:
        message = _STAMP.sub("", record.getMessage(), count=1)
        if record.levelno == logging.DEBUG:
            if record.name.endswith("livereload") and (found := _EVENT_PATH.search(message)):
                self._changed(found[2] or found[1])
            return
        if record.levelno >= logging.ERROR and record.name.endswith("livereload"):  # the rebuild raised
            for problem in self.problems:
                self._write(f"  {problem}")
            self.problems.clear()
            self._write("La reconstruction a échoué (voir ci-dessus) — corrigez le fichier et enregistrez : l'aperçu reprendra.")
            return
        if record.levelno >= logging.WARNING:
            if not message.startswith(_KNOWN):
                self.problems.append(message)
            return
        if message.startswith("Building documentation..."):
            self.problems.clear()
            self.building, self.changed = self.changed, []  # a save during this build belongs to the next one
        elif built := _BUILT.search(message):
            self._built(float(built[1]))
        elif message.startswith("Serving on "):
            self.url = message.removeprefix("Serving on ").split()[0]
            self._write(f"Site affiché sur {self.url} — il se met à jour à chaque enregistrement (Ctrl+C pour arrêter).")
        elif record.name.startswith("mkdocs.hooks") and not message.startswith(_QUIET):
            self.problems.append(message)  # the hooks' advice (plain language), shown with the problems

    def _changed(self, path: str) -> None:
        try:
            rel = Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            rel = path
        if rel not in self.changed:
            self.changed.append(rel)

    def _built(self, seconds: float) -> None:
        self.builds += 1
        now = time.strftime("%H:%M:%S")
        count = len(self.problems)
        found = "aucun problème" if not count else ("1 problème" if count == 1 else f"{count} problèmes")
        if self.builds == 1:
            self._write(f"[{now}] Site construit en {seconds:.1f} s — {found}.")
        else:
            what = ", ".join(self.building[:3]) + (f" et {len(self.building) - 3} autres" if len(self.building) > 3 else "")
            self._write(f"[{now}] {what or 'modification'} : reconstruit en {seconds:.1f} s — {found}.")
        for problem in self.problems:
            self._write(f"  {problem}")
        self.building = []
        self.problems.clear()

    def _write(self, line: str) -> None:
        print(line, file=self.stream, flush=True)


def kernel_cleanup_noise(record: logging.LogRecord) -> bool:
    """False for asyncio's « Task exception was never retrieved » about nbclient shutting a kernel
    down after a notebook ran: a traceback of 25 lines at each execution, harmless (the notebook
    ran and was kept), that buried the rebuild's line."""
    return not (record.getMessage().startswith("Task exception was never retrieved")
                and "NotebookClient._async_cleanup_kernel" in record.getMessage())


def _logging(engine: str, handler: logging.Handler) -> None:
    logging.getLogger("asyncio").addFilter(kernel_cleanup_noise)
    top = logging.getLogger(engine)
    top.handlers[:] = [handler]
    top.setLevel(logging.INFO)
    top.propagate = False
    logging.getLogger(f"{engine}.livereload").setLevel(logging.DEBUG)  # its debug lines name the saved file
    if engine != "mkdocs":  # ProperDocs: hooks and plugins still log under "mkdocs.*"
        legacy = logging.getLogger("mkdocs")
        legacy.parent = top
        legacy.setLevel(logging.NOTSET)
        legacy.propagate = True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make serve", description="Affiche le site et le met à jour à chaque enregistrement.")
    parser.add_argument("--port", type=int, default=8000, help="port (8000 par défaut)")
    parser.add_argument("--engine", choices=ENGINES, default=ENGINES[0], help="moteur du site")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="fichier de configuration")
    parser.add_argument("--poll", action="store_true",
                        help="surveiller les fichiers en les relisant toutes les 0,5 s (si la page ne se recharge pas : dossier sous /mnt/c dans WSL, dossier réseau)")
    args = parser.parse_args(argv)
    host = "127.0.0.1"
    if port_in_use(host, args.port):
        print(busy_port_message(args.port), file=sys.stderr)
        return 1
    config = args.config.resolve()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner: known (README)
    os.environ["ACADEMY_SITE_URL"] = f"http://{host}:{args.port}/"
    if args.engine != "mkdocs":
        importlib.import_module(f"{args.engine}.replacement")  # plugins' `import mkdocs` reach the engine
    command = importlib.import_module(f"{args.engine}.commands.serve")
    if not args.poll:  # serve() makes its server from this name; it takes no observer
        command.LiveReloadServer = native_watching(command.LiveReloadServer)
    errors = importlib.import_module(f"{args.engine}.exceptions")
    _logging(args.engine, PreviewLog(config.parent))
    print("Construction du site pour l'aperçu...", file=sys.stderr, flush=True)
    try:
        # dirty: only the saved pages are rebuilt (hooks/preview.py rebuilds all when a shared input changes)
        command.serve(config_file=str(config), dev_addr=f"{host}:{args.port}", livereload=True, strict=False, build_type="dirty")
    except KeyboardInterrupt:
        pass
    except errors.MkDocsException as error:  # the first build failed: nothing to show yet
        print(f"Le site n'a pas pu être construit : {error}", file=sys.stderr)
        return 1
    except OSError as error:  # the port was taken between the check and the start
        print(f"{busy_port_message(args.port)} ({error.strerror})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
